# Merkwaardig — the interface texts in English.
# Every id is also in ../nl/main.ftl; a test checks that.

## General
skip-to-content = Skip to content
nav-label = Main menu
nav-values = Values
nav-stories = Stories
nav-share = Share a story
nav-mine = My stories
nav-moderation = Moderation
nav-tokens = API tokens
landmark-site-search = Search the stories
landmark-page-search = Your search
search-label-short = Search stories
search-button-short = Search
sign-in = Sign in
sign-out = Sign out
footer-tagline = Merkwaardig — values made visible in everyday work.
role-staff = staff
role-manager = manager
role-admin = admin
values-label = Values
featured = Featured
untitled = (no title yet)
updated = updated
submitted = submitted
stories-count = { $count ->
    [one] 1 story
   *[other] { $count } stories
}
pages-label = Pages
page-previous = Previous
page-next = Next
page-of = Page { $page } of { $pages }
audience-customer = A customer
audience-colleague = A colleague
about-customer = about a customer
about-colleague = about colleagues
kind-brand = Brand value · towards customers
kind-core = Core value · towards colleagues

## Bylines
byline-former = a former colleague
byline-colleague = a colleague
byline-team = a colleague from { $team }
byline-anonymous-seen = { $name } (published anonymously)

## Home
home-title = Our values
home-heading = Our values, for real
home-lead = Merkwaardig shows what our values mean here: with guidance for each value and with stories of colleagues who put them into practice. Share what worked for you — so others see how simple it can be.
home-share = Share your story
group-brand = Brand values
group-brand-lead = What customers notice about us.
group-core = Core values
group-core-lead = How we work together.
group-empty = No values have been set down here yet.
value-no-stories = No stories yet
value-be-first = be the first
home-recent = Latest stories
home-recent-empty = No published stories yet.
home-recent-first = Share the first one!

## Value
value-archived = archived
value-stories-heading = Stories about { $value }
value-share = Share a story about { $value }
value-empty = There is no story about this value yet. Do you recognise it in your own work? Your story can be the first.
value-filtered-empty = No stories match these filters.
filters-label = Filter and sort stories
filter-sort = Sort
sort-newest = Newest first
sort-inspiring = Most inspiring
filter-audience = About
filter-team = Team
filter-lang = Language
filter-period = Period
filter-any = All
period-all = Any time
period-month = Past month
period-quarter = Past quarter
period-year = Past year
filter-apply = Show
filter-clear = Clear filters
featured-heading = Featured

## Story
story-notice-draft = This is a draft: only you can see it.
story-finish-draft = Continue writing
story-notice-pending = This story is waiting for a manager; only you and the moderators can see it now.
story-notice-rejected = This story was not published.
story-reason = Reason: { $reason }
story-notice-withdrawn = This story was withdrawn and others can no longer see it.
history-link = History
inspired-button = This inspired me
inspired-by-me = This inspired you
inspired-none = Nobody has said this inspired them yet
inspired-count = { $count ->
    [one] 1 colleague was inspired by this
   *[other] { $count } colleagues were inspired by this
}
inspired-short = { $count ->
    [one] inspired 1 person
   *[other] inspired { $count } people
}
related-heading = More stories like this
report-summary = Does this story not belong here? Report it
report-reason = What is wrong with it? Only managers read this.
report-button = Report
moderate-heading = Moderate
feature-button = Feature on the value pages
unfeature-button = Stop featuring

## Moderation
publish-button = Publish
reject-reason = Reason for the author
reject-button = Reject
unpublish-button = Take offline
retag-summary = Adjust values
retag-legend = Which values does the story show? (1 to 3)
retag-note = Note for the history (optional)
retag-button = Save values
reported-heading = Reported stories
dismiss-button = Resolve reports: the story stays
queue-heading = Queue
queue-empty = No stories are waiting. You are all caught up.
queue-count = { $count ->
    [one] 1 story is waiting, oldest first.
   *[other] { $count } stories are waiting, oldest first.
}
others-summary = { $count ->
    [one] 1 other story by this author
   *[other] { $count } other stories by this author
}

## Status
status-draft = Draft
status-pending = Waiting for moderation
status-published = Published
status-rejected = Not published
status-withdrawn = Withdrawn

## Form
form-title-new = Share a story
form-title-edit = Edit story
form-heading-new = Share your story
form-lead = Tell briefly what happened, what you did and what it meant for the customer or colleague. Small things count: they show best how simple it can be.
form-not-saved-heading = Not saved yet
form-errors-heading = Almost there — please look at:
form-field-title = Title
form-field-body = Your story
form-markdown-hint = (Markdown welcome: **bold**, *italic*, lists)
prompts-intro = A good story tells:
prompt-situation = the situation: who, where, what was going on?
prompt-action = what you did — even if it was small;
prompt-meaning = what it meant for the customer or colleague;
prompt-value = which value it shows, and why.
preview-heading = Preview
form-field-values = Which value does your story show?
form-values-hint = (1 to 3)
form-guidance = guidance
form-field-audience = Who is it about?
form-audience-auto = Let the chosen values decide
form-field-team = Team
form-optional = (optional)
form-anonymous = Publish as “a colleague from my team” instead of with my name
form-anonymous-hint = Managers still see who wrote it.
form-field-lang = Language of the story
form-lang-auto = Detect automatically
form-submit = Submit story
form-save = Save changes
form-save-draft = Save as draft
form-preview = Preview

## My stories
mine-empty = You have not shared any stories yet. What went well with a customer or colleague lately?
mine-empty-link = Share your first story
mine-older = Older stories
mine-newest = Most recent
mine-anonymous = anonymous
mine-reason = The moderator's reason: { $reason }
mine-resubmit = Edit and resubmit
mine-finish = Continue writing
mine-edit = Edit
mine-withdraw = Withdraw
privacy-heading = Your data
privacy-lead = Download everything you shared here: your stories with their history, what inspired you and what you reported.
privacy-download = Download your data

## History
history-title = History of “{ $title }”
history-heading = History
history-changed = Changed:
history-diff = Changes to the text
diff-added = added:
diff-removed = removed:
field-title = title
field-body = text
field-values = values
field-audience = who it is about
field-team = team
field-lang = language
field-anonymous = anonymity
revision-created = Written
revision-resubmitted = Edited and sent back for review
revision-edited = Edited
revision-retagged = Values adjusted
revision-published = Published
revision-rejected = Rejected
revision-withdrawn = Withdrawn
revision-featured = Featured
revision-unfeatured = No longer featured

## Search
search-title = Search
search-title-query = { $query } — search
search-heading = Search stories
search-label = Search for words, a "phrase in quotes", or exclude with -word
search-button = Search
facets-label = Filter by value
search-nothing = Nothing found
search-nothing-for = Nothing found for “{ $query }”
search-nothing-help = Try another or shorter word, or look at one of the values: perhaps you recognise your own story in it.
search-found = { $count ->
    [one] 1 story found
   *[other] { $count } stories found
}
search-all = All { $count } stories
search-fuzzy = no exact matches, this is the closest
search-corrected = no stories with “{ $typed }”; these have { $instead }
## API tokens
tokens-lead = Programs (intranet widgets, integrations) use a token in the Authorization: Bearer header. A token is shown once and stored only as a hash.
tokens-created = Token created
tokens-created-once = Copy it now: it will not be shown again.
tokens-secret = Token
tokens-new = New token
tokens-name = Name
tokens-scope = Access
scope-search = search and read published stories
scope-submit = also submit stories
scope-admin = everything, moderation included
tokens-create = Create token
tokens-list = Tokens
tokens-empty = There are no tokens yet.
tokens-created-at = Created
tokens-state = State
tokens-revoked = revoked
tokens-revoke = Revoke

## Sign in (development)
dev-title = Sign in (development)
dev-heading = Sign in to try it out
dev-lead = This sign-in exists only while Merkwaardig runs on your own computer (loopback). In production you sign in through your organisation's single sign-on.
dev-name = Your name
dev-name-error = Enter a name of at most 80 characters.
dev-role = Role
dev-role-manager = Manager (moderates)

## Messages after an action
flash-draft-saved = Draft saved. Only you can see it; finish it whenever you like.
flash-submitted-published = Thank you! Your story is online.
flash-submitted-pending = Thank you! Your story is now waiting for a manager; you can already see it here.
flash-edited-pending = Saved. Your story is waiting for a manager again.
flash-edited = Saved.
flash-published = “{ $title }” is published.
flash-rejected = “{ $title }” was rejected; the author sees your reason.
flash-retagged = The values of “{ $title }” were adjusted.
flash-featured = “{ $title }” is featured on the value pages.
flash-unfeatured = “{ $title }” is no longer featured.
flash-dismissed = The reports are resolved; the story stays.
flash-reported = Thank you. A manager will look at it.
flash-withdrawn = Your story was withdrawn; nobody else can see it any more.
flash-token-revoked = Token “{ $name }” is revoked.

## Error pages
error-back = Back to the values
error-401-title = Please sign in
error-401-dev = Sign in first; you will come straight back here.
error-401-sso = Sign in through your organisation's single sign-on and try again.
error-403-title = No access
error-403 = Your role does not give access to this page or action.
error-404-title = Not found
error-404 = This page or story does not exist (any more), or is not visible to you.
error-409-title = That is not possible now
error-409 = This story has changed in the meantime (it was withdrawn, for example). Reload the page and look again.
error-413-title = Too large
error-413 = What you sent is larger than allowed. Make the story shorter.
error-429-title = Slow down a little
error-429 = You did this very often in a row. Try again in a few minutes.
error-disk-full = the server's disk is full, so nothing was saved; please try again later
error-unavailable = the database cannot be reached just now, so nothing was saved; please try again in a moment
error-503-title = Nothing could be saved just now
error-503 = The server cannot store anything at the moment (its disk is full or its database is away). What you sent was not saved. Go back and try again in a little while; a form you filled in still holds what you typed.
error-other-title = Something went wrong ({ $code })
error-other = Please try again later.

## Input errors (also in the API)
error-validation = the input is not valid
error-bad-query = the search is not valid
error-bad-request = the request could not be understood
error-unauthorized = sign in to do this
error-forbidden = your role does not allow this
error-not-found = not found
error-too-many = too many requests; try again in { $seconds } seconds
error-too-large = the request body is larger than the limit of { $limit }
error-internal = something went wrong on our side; it has been logged
error-body-unreadable = could not read the request body: { $detail }
error-json = the JSON is not valid: { $detail }
error-content-type = send changes as JSON, with the header Content-Type: application/json
error-cross-site = this change was requested from another site and was refused; make it from Merkwaardig itself
error-method = this address does not take that method; it takes { $allow }
error-token-in-url = tokens are accepted only in the Authorization header, never in a URL
error-token-name = a token name has 1 to 80 characters
error-token-scope = choose what the token may do: search, submit or admin
error-title-short = give your story a title of at least { $min } characters
error-title-long = the title has { $length } characters; at most { $max } are allowed
error-body-short = tell the story in at least { $min } characters
error-body-long = the story has { $length } characters; at most { $max } are allowed
error-value-unknown = `{ $value }` is not one of the organisation's current values
error-values-none = choose at least one value that the story illustrates
error-values-many = choose at most { $max } values; pick the ones the story shows best
error-audience = audience is `customer` or `colleague`
error-team-long = a team name has at most { $max } characters
error-lang = language is `nl` or `en`
error-reason-empty = tell the author why, so they can improve the story
error-reason-long = at most { $max } characters
error-number-range = { $field } is a whole number from { $min } to { $max }
error-query-long = a search has at most { $max } characters
error-query-words = a search has at most { $max } words
error-cursor = cursor is the `next` value of a previous page
error-withdrawn = the author has withdrawn this story
error-withdrawn-edit = a withdrawn story cannot be edited
error-draft-only = only a draft can be saved as a draft
error-feature-unpublished = only a published story can be featured
error-inspire-unpublished = only published stories can inspire
error-report-pre = reporting exists only under post-moderation; here a manager reviews every story beforehand
error-report-unpublished = only a published story can be reported
error-report-reason = say briefly what is wrong with the story
error-submissions-limit = You have submitted many stories in the past hour. Try again in { $minutes } minutes; your text is still below.
error-token-bound-scope = only a token with scope search can be bound to origins or values
error-origin = `{ $origin }` is not an origin like https://intranet.example (scheme and host, no path)
error-token-origin = this token belongs to another site
error-token-values = this token is fixed to certain values and cannot search more widely
embed-more = All results on Merkwaardig
embed-no-stories = No stories yet.
tokens-widget = Widget token (optional)
tokens-widget-hint = Bind a search token to the intranet sites it is used on and to the values it may show. The widget cannot go beyond them.
tokens-origins = Origins, separated by spaces
tokens-values = Only stories about:
tokens-bound = Bound to
embed-read-more = Read on Merkwaardig
embed-missing-title = Not available
embed-missing = This story is not available (any more).
feed-all = Merkwaardig — stories
feed-link = Follow these stories (Atom feed)
error-oembed-format = format `{ $format }` is not offered; use format=json
error-oembed-url = `url` names the story to embed
mine-withdraw-confirm = Once withdrawn, nobody else sees this story, and you can no longer edit it.
mine-withdraw-yes = Yes, withdraw it
tokens-revoke-confirm = Programs using this token lose access from their very next request.
tokens-revoke-yes = Yes, revoke it
opensearch-description = Search the stories about our values.

stories-heading = All stories
stories-lead = What colleagues did to live our values, newest first.
home-all-stories = All stories
reading-time = { $count ->
    [one] 1 min read
   *[other] { $count } min read
}
value-guidance-toggle = What this value means here
menu = Menu
user-menu-label = Your menu
sign-in-and-back = Sign in and continue
inspired-sign-in = Sign in to say this inspired you
stories-list-heading = The stories
privacy-download-note = A file you can keep, or hand to another system.
footer-api = API for integrations
reject-open = Reject, with a reason…
unpublish-open = Take offline, with a reason…
copy = Copy
copied = Copied
tokens-snippet = Paste this into the intranet page
team-heading = Stories from team { $team }
person-heading = Stories by { $name }

## Leading by example, story of the month, barriers
error-approach-long = your own approach fits in one line of at most { $max } characters
error-leadership-manager = only a manager's story can be a leadership example
error-leadership-author = only a story by a manager can be a leadership example
error-leadership-anonymous = an anonymous story cannot be a leadership example: a leadership example shows how a named manager lives a value
error-text-short = write at least { $min } characters
error-text-long = this has { $length } characters; at most { $max } are allowed
error-text-nul = this holds a NUL character, which text may not contain
error-monthly-story = the story of the month is a published story about { $value }
error-barrier-status = status is new, acknowledged, in_progress, solved or wont_solve
error-barrier-owner = `{ $owner }` is no manager known here; use `me` or a manager's id
error-barrier-story = link a published story
error-barrier-nothing = say what changes: a status, an owner, a story or a reply
error-barrier-transition = a barrier cannot go from { $from } to { $to }; nothing goes back to new, and a closed barrier is reopened to in_progress
error-barrier-reply = say what was done, or why it will not be solved: the reporter reads it
revision-leadership = Marked as a leadership example
revision-leadership-off = No longer a leadership example
barrier-status-new = New
barrier-status-acknowledged = Acknowledged
barrier-status-in_progress = In progress
barrier-status-solved = Solved
barrier-status-wont_solve = Won't be solved
monthly-heading = Story of the month
nav-barriers = Barriers
leadership-badge = Leading by example
leadership-on-button = Mark as a leadership example
leadership-off-button = No longer a leadership example
flash-leadership-on = The story is now a leadership example on its values' pages.
flash-leadership-off = The story is no longer a leadership example.
monthly-button = Story of the month for { $value }
flash-monthly = Chosen as story of the month.
monthly-earlier = Earlier stories of the month
monthly-home-heading = Stories of the month
monthly-home-lead = Chosen by our managers: one story per value that shows how simple it can be.
leaders-heading = How our managers show it
leaders-lead = Values start at the top. In their own words, and in stories, our managers show how they live this value themselves.
leaders-stories = Managers' stories
commitment-write = Write how you show this value
commitment-edit = Edit how you show this value
commitment-label = How do you show { $value } yourself?
commitment-hint = A few sentences in your own words, with an example if you can; Markdown works. Everyone can read it on this page.
commitment-save = Save
commitment-withdraw = Withdraw mine
flash-commitment-saved = Saved: your words are on the value's page.
flash-commitment-withdrawn = Your words are withdrawn from this value's page.
form-field-approach = Your own approach
form-approach-hint = One line on how you did it your way; it is shown with the title.
form-leadership = A leadership example
form-leadership-hint = As a manager you show how you live the value yourself: the story appears under "How our managers show it".
you-said-heading = You said, we did
you-said-empty = No barrier has been solved for this yet. Is something stopping you? Tell us.
you-said-did = What we did
you-said-report = Is something stopping you from being { $value }?
barrier-days = { $count ->
    [0] solved the same day
    [one] solved in 1 day
   *[other] solved in { $count } days
}
barrier-new-title = What stopped you?
barrier-new-lead = We ask a lot of you; what may you expect of us? Tell us what got in the way of living one of our values. A manager takes it up and you can follow what happens.
barrier-field-title = In one line: what got in the way?
barrier-title-hint = For example: "The return form needs three signatures".
barrier-field-body = What happened?
barrier-prompt-wanted = What did you want to do?
barrier-prompt-stopped = What stopped you?
barrier-prompt-helps = What would help?
barrier-field-values = Which value did you want to live?
barrier-anonymous = Hide my name
barrier-anonymous-hint = Only managers will see who reported it; everyone else reads "a colleague".
barrier-submit = Report the barrier
barriers-board-title = Barriers
barriers-board-lead = What staff may expect of us: every reported barrier, oldest first. Take one, move it along and say what was done.
barriers-mine-title = My barriers
barriers-mine-lead = The barriers you reported, and what happened to them.
barriers-report = Report a barrier
barriers-filter-label = Filter barriers
barriers-filter-value = Value
barriers-words = Words
barriers-mine-empty = You have not reported a barrier. Did something get in the way of living a value? Tell us.
barriers-none = None.
barrier-anonymous-reporter = a colleague
barrier-owned-by = taken by { $name }
barrier-reported-by = Reported by { $name }
barrier-reported-anonymous = Reported by a colleague
barrier-story = The story that shows the improvement:
barrier-history = What happened
barrier-event-reported = Reported.
barrier-event-status = Status: { $status }.
barrier-event-owner = Taken by { $name }.
barrier-event-story = Linked story:
barrier-change-heading = Move it along
barrier-field-status = Status
barrier-field-owner = Owner
barrier-owner-none = Nobody yet
barrier-owner-me = Me
barrier-field-reply = Reply to the reporter
barrier-reply-hint = Needed to solve or decline: say what was done, or why not. Markdown works.
barrier-field-story = A story that shows the improvement
barrier-story-hint = The number or address of a published story, like /stories/12.
barrier-change-save = Save
flash-barrier-reported = Thank you. Your barrier is reported; a manager will take it up.
flash-barrier-changed = Saved.
home-barrier = Is something stopping you? Report a barrier

## Insights
nav-insights = Insights
insights-title = Insights
insights-lead = Where our values are alive, where they are quiet, and how fast we remove what stands in the way.
insights-filter-label = Period and team
insights-from = From
insights-to = Until
insights-team = Team
insights-whole-organisation = The whole organisation
insights-show = Show
insights-hidden = { $count ->
    [one] Fewer than { $count } person shared a story here, so no figures about stories are shown.
   *[other] Fewer than { $count } people shared a story here. To protect their privacy, no figures about stories are shown.
}
insights-toc = On this page
insights-csv = Download as CSV
insights-months = Stories per value, month by month
insights-months-caption = Published stories per value and month
insights-value = Value
insights-total = Total
insights-balance = Brand and core values
insights-balance-lead = The share of all value tags in this period: brand values face our customers, core values our colleagues.
insights-stories = Stories
insights-leadership = Leading by example
insights-leadership-caption = Stories per value, and how many of them are managers' leadership examples
insights-leadership-stories = Leadership examples
insights-share = Share
insights-teams = Teams and values
insights-teams-lead = { $count ->
   *[other] Published stories per team and value in this period. Teams in which fewer than { $count } people shared are counted together.
}
insights-teams-empty = No team has shared a story yet.
insights-teams-caption = Published stories per team and value
insights-other-teams = Smaller teams and stories without a team
insights-gaps = Where the values are quiet
insights-silent = { $count ->
    [one] No story in the last day
   *[other] No story in the last { $count } days
}
insights-silent-none = Every value had a story recently.
insights-last-story = last story { $date }
insights-never = never a story
insights-never-shared = Teams that never shared a story about
insights-never-shared-none = Every team has shared about every value.
insights-modelled-not-shown = Managers show it, teams don't (yet)
insights-shown-not-modelled = Teams show it, no manager models it
insights-gap-none = None: these match.
insights-barriers = Barriers per value
insights-barriers-lead = Open barriers now, and those solved in this period. Barriers are not tied to a team.
insights-barriers-board = To the barrier board
insights-barriers-caption = Barriers per value: open, solved and the median number of days to solve
insights-open = Open
insights-solved = Solved
insights-median-days = Median days to solve
insights-inspiring = Most inspiring stories
insights-inspiring-none = No story from this period has been marked "this inspired me" yet.
insights-inspired = { $count ->
    [one] inspired 1 person
   *[other] inspired { $count } people
}
insights-fewer-than = fewer than { $count }
error-date = Give a date as YYYY-MM-DD, like 2026-03-31.
error-period-order = The start comes after the end.
error-period-long = { $years ->
   *[other] A period of at most { $years } years.
}

## A value's stories side by side
variety-label = Show the stories
variety-list = Newest first
variety-team = Side by side by team
variety-audience = For customers and for colleagues
variety-lead-team = Every team lives this value in its own way. Here are the newest stories of each, side by side.
variety-lead-audience = The same value, towards customers and towards colleagues: the newest stories of each, side by side.
variety-no-team = No team given
variety-customers = For customers
variety-colleagues = For colleagues
variety-all = { $count ->
   *[other] All { $count } stories
}
variety-more = { $count ->
    [one] And 1 more group with fewer stories.
   *[other] And { $count } more groups with fewer stories.
}

## Similar story notice
similar-heading = Sounds familiar!
similar-lead = A colleague told a story very like this one:
similar-encourage = Nice to see it happen again. What did you do your own way? Add that angle, and share your story all the same.

## Notifications
notice-published = Your story “{ $title }” was published.
notice-rejected = Your story “{ $title }” was not published: { $reason }
notice-taken-down = Your story “{ $title }” was taken offline: { $reason }
notice-named = { $name ->
    [anonymous] A colleague
   *[other] { $name }
} named you in the story “{ $title }”.
notice-note = { $name } left a thank-you note on your story “{ $title }”.
notice-inspired = Your story “{ $title }” has inspired { $count } colleagues.
notice-monthly = Your story “{ $title }” was chosen as story of the month.
notice-barrier = The barrier “{ $title }” you reported is now: { $status ->
    [new] new
    [acknowledged] acknowledged
    [in_progress] being worked on
    [solved] solved
    [wont_solve] won't be solved
   *[other] { $status }
}.
notice-waiting = “{ $title }” is waiting for moderation.
notice-reported = { $what ->
    [note] A thank-you note under “{ $title }”
   *[other] “{ $title }”
} was reported: { $reason }
notice-digest = Your week in Merkwaardig: { $count } published, { $waiting } waiting for moderation, { $reported } reported.
notice-kind-published = My story was published
notice-kind-rejected = My story was not published
notice-kind-taken-down = My story was taken offline
notice-kind-named = I was named in a story
notice-kind-note = A thank-you note on my story
notice-kind-inspired = My story inspired many colleagues
notice-kind-monthly = My story became story of the month
notice-kind-barrier = A barrier I reported moved on
notice-kind-waiting = A story waits for moderation
notice-kind-reported = A story was reported
notice-kind-digest = The weekly overview
channel-off = Not at all
channel-site = In the site
channel-email = In the site and by mail
channel-digest = In the site and in a weekly mail
nav-notifications = Notifications
notifications-title = Notifications
notifications-badge = { $count ->
    [one] 1 unread notification
   *[other] { $count } unread notifications
}
notifications-lead = What happened to your stories, and what asks for your attention.
notifications-empty = Nothing here yet. When a story of yours is published, or a colleague names or thanks you, you will read it here.
notifications-unread = new
notifications-mark-all = Mark all as read
notifications-marked = Marked as read.
notifications-settings-link = Choose how you hear of what
notice-settings-title = How you hear of what
notice-settings-lead = For each kind of news, choose where it reaches you.
notice-settings-mail-to = Mails go to { $email }.
notice-settings-no-email = We have no mail address for you, so everything stays in the site.
notice-settings-mail-off = Mail is not set up here, so everything stays in the site.
notice-settings-save = Save my choices
notice-settings-saved = Your choices are saved.
notice-settings-managers = For managers
notice-settings-own = About you and your stories
unsubscribe-title = No more of these mails
unsubscribe-confirm = Stop the mails about “{ $kind }”? You will still find them in the site.
unsubscribe-button = Stop these mails
unsubscribe-done = You will no longer get mails about “{ $kind }”. They still show in the site; your settings can change that back.
unsubscribe-invalid = This link is not valid (any more). Sign in and choose in your settings which mails you get.
mail-greeting = Hello { $name },
mail-open = Open in Merkwaardig
mail-why = You get this mail because you chose mail for “{ $kind }”.
mail-unsubscribe = No more mails about this
mail-settings = All your notification settings
webhook-published = New story: { $title }
webhook-monthly = Story of the month: { $title }
webhook-barrier = Solved: { $title }
webhook-waiting = A story is waiting for moderation.
webhook-reported = A story was reported.
error-notice-kind = there is no kind of notification “{ $kind }” for you
error-notice-channel = “{ $channel }” is not a choice for this kind: off, site, email or digest
error-webhook-name = give the webhook a name of 1 to 80 characters
error-webhook-url = give the webhook's address, starting with https:// or http://
error-webhook-format = the format is teams, slack or json
error-webhook-events = choose one or more of published, monthly, barrier, waiting and reported
nav-webhooks = Webhooks
webhooks-lead = Tell a Teams or Slack channel, or another intranet system, what happens: new stories, stories of the month, solved barriers; and for a managers' channel that something waits or was reported (never which story).
webhooks-new = Add a webhook
webhooks-name = Name
webhooks-url = Address
webhooks-url-hint = The incoming webhook's address that Teams, Slack or the other system gave you.
webhooks-format = Format
webhooks-format-teams = Microsoft Teams (an Adaptive Card)
webhooks-format-slack = Slack (text with a link)
webhooks-format-json = JSON, signed with HMAC-SHA256 (for other systems)
webhooks-events = Events
webhooks-event-published = A story was published
webhooks-event-monthly = A story of the month was chosen
webhooks-event-barrier = A barrier was solved
webhooks-event-waiting = A story waits for moderation (without its title)
webhooks-event-reported = A story was reported (without its title)
webhooks-values = Values
webhooks-values-hint = Only stories and barriers of these values; none chosen: all of them.
webhooks-add = Add webhook
webhooks-list = Webhooks
webhooks-empty = No webhooks yet.
webhooks-all-values = All values
webhooks-remove = Remove
webhooks-remove-confirm = Remove this webhook? What it has not sent yet is dropped.
webhooks-remove-yes = Yes, remove it
webhooks-removed = The webhook is removed.
webhooks-created = Webhook added
webhooks-secret-once = Its secret signs every call; the receiving system checks it. It is shown only now.
webhooks-secret = Secret
deliveries-heading = Messages that did not arrive
deliveries-lead = Mails and webhook calls that failed. They are tried again, less often each time; after the configured time they are given up on, and can be sent again from here.
deliveries-empty = Everything arrived.
deliveries-what = Message
deliveries-since = Since
deliveries-error = Last error
deliveries-state = State
deliveries-attempts = { $count ->
    [one] 1 attempt
   *[other] { $count } attempts
}
deliveries-failed = Given up
deliveries-trying = Being tried again
deliveries-retry = Send again
deliveries-retried = The message will be sent again.
story-with = With
unname-button = Take my name off this story
unname-confirm = Your name will no longer show with this story. The story itself stays; its history keeps that you took your name off.
unname-yes = Yes, take my name off
flash-unnamed = Your name is off the story.
revision-unnamed = A named colleague took their name off
form-field-people = Colleagues who took part
form-people-hint = Their names as Merkwaardig knows them, separated by commas (at most 10). They are told once the story is online, and can take their name off.
error-people-many = name at most { $max } colleagues
error-people-self = you do not need to name yourself: you are the author
error-people-unknown = Merkwaardig does not know “{ $person }” yet: check the spelling, or ask them to open Merkwaardig once
error-people-ambiguous = more than one colleague is called “{ $person }”: use their id instead
mine-named-heading = Stories you are named in
mine-named-lead = Colleagues named you in these stories. You can take your name off on the story itself.
notes-heading = Thank-you notes
notes-empty = No notes yet. Did this story help or touch you? Say so: it means a lot to the people in it.
note-label = Your thank-you note
note-hint = A few words for the author and the colleagues in the story (Markdown, at most 1,000 characters). Everyone who can read the story sees it.
note-send = Send my note
note-sign-in = Sign in to thank them
note-remove = Take my note down
note-report = Report this note
note-report-reason = Why should a manager look at it?
note-report-send = Report
note-take-down = Take the note down
flash-note-written = Thank you! Your note is under the story.
flash-note-removed = The note is taken down.
flash-note-reported = Thank you. A manager will look at the note.
flash-note-kept = The note stays.
reported-notes-heading = Reported thank-you notes
reported-note-on = A note under “{ $title }”
reported-note-open = (see it under the story)
error-note-short = write a note of at least { $min } characters
error-note-long = keep the note to at most { $max } characters
error-note-unpublished = notes go under published stories only
digest-subject = Your week in Merkwaardig
digest-for-managers = For managers
digest-waiting = { $count ->
    [one] 1 story waits for moderation
   *[other] { $count } stories wait for moderation
}
digest-reported = { $count ->
    [one] 1 story or note reported
   *[other] { $count } stories or notes reported
}
digest-published-heading = Published this week
digest-published = { $count ->
    [one] 1 story published
   *[other] { $count } stories published
}
digest-items-heading = What happened this week
digest-why = You get this weekly mail because you chose it in your notification settings.
digest-unsubscribe = No more weekly mails
