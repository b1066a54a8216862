//! What people are told, and how: the kinds of notification and the channel
//! each person chooses per kind. One place says which kinds exist, who may
//! receive them and what the default channel is.

use serde::{Deserialize, Serialize};

/// What happened, from the recipient's point of view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    /// A manager published your story.
    Published,
    /// A manager rejected your story (with the reason).
    Rejected,
    /// A manager took your published story down (with the reason).
    TakenDown,
    /// Someone named you in their published story.
    Named,
    /// Someone left a thank-you note on your story.
    Note,
    /// Your story reached the configured number of "this inspired me" marks.
    Inspired,
    /// Your story was chosen as story of the month.
    Monthly,
    /// A barrier you reported changed status.
    Barrier,
    /// For managers: a story waits for moderation.
    Waiting,
    /// For managers: a story was reported.
    Reported,
    /// For managers: the weekly digest.
    Digest,
}

/// How a person is told of one kind of notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    /// Not at all.
    Off,
    /// In the site only.
    Site,
    /// In the site, and by mail at once.
    Email,
    /// In the site, and in a weekly mail.
    Digest,
}

impl NoticeKind {
    pub const ALL: [NoticeKind; 11] = [
        NoticeKind::Published,
        NoticeKind::Rejected,
        NoticeKind::TakenDown,
        NoticeKind::Named,
        NoticeKind::Note,
        NoticeKind::Inspired,
        NoticeKind::Monthly,
        NoticeKind::Barrier,
        NoticeKind::Waiting,
        NoticeKind::Reported,
        NoticeKind::Digest,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NoticeKind::Published => "published",
            NoticeKind::Rejected => "rejected",
            NoticeKind::TakenDown => "taken_down",
            NoticeKind::Named => "named",
            NoticeKind::Note => "note",
            NoticeKind::Inspired => "inspired",
            NoticeKind::Monthly => "monthly",
            NoticeKind::Barrier => "barrier",
            NoticeKind::Waiting => "waiting",
            NoticeKind::Reported => "reported",
            NoticeKind::Digest => "digest",
        }
    }

    pub fn parse(raw: &str) -> Option<NoticeKind> {
        NoticeKind::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    /// Only managers (and administrators) receive these.
    pub fn for_managers(self) -> bool {
        matches!(
            self,
            NoticeKind::Waiting | NoticeKind::Reported | NoticeKind::Digest
        )
    }

    /// The channel until the person chooses: what happens to one's own
    /// stories (published, rejected, taken down, named, notes) by mail at
    /// once, the rest in the site only.
    pub fn default_channel(self) -> Channel {
        match self {
            NoticeKind::Published
            | NoticeKind::Rejected
            | NoticeKind::TakenDown
            | NoticeKind::Named
            | NoticeKind::Note => Channel::Email,
            _ => Channel::Site,
        }
    }

    /// The channels a person may choose for this kind: the weekly digest is
    /// itself a summary, so it is not collected into one.
    pub fn channels(self) -> &'static [Channel] {
        match self {
            NoticeKind::Digest => &[Channel::Off, Channel::Site, Channel::Email],
            _ => &[Channel::Off, Channel::Site, Channel::Email, Channel::Digest],
        }
    }

    /// The message id naming this kind on the settings page.
    pub fn label_id(self) -> &'static str {
        match self {
            NoticeKind::Published => "notice-kind-published",
            NoticeKind::Rejected => "notice-kind-rejected",
            NoticeKind::TakenDown => "notice-kind-taken-down",
            NoticeKind::Named => "notice-kind-named",
            NoticeKind::Note => "notice-kind-note",
            NoticeKind::Inspired => "notice-kind-inspired",
            NoticeKind::Monthly => "notice-kind-monthly",
            NoticeKind::Barrier => "notice-kind-barrier",
            NoticeKind::Waiting => "notice-kind-waiting",
            NoticeKind::Reported => "notice-kind-reported",
            NoticeKind::Digest => "notice-kind-digest",
        }
    }

    /// The message id of a notification's text.
    pub fn text_id(self) -> &'static str {
        match self {
            NoticeKind::Published => "notice-published",
            NoticeKind::Rejected => "notice-rejected",
            NoticeKind::TakenDown => "notice-taken-down",
            NoticeKind::Named => "notice-named",
            NoticeKind::Note => "notice-note",
            NoticeKind::Inspired => "notice-inspired",
            NoticeKind::Monthly => "notice-monthly",
            NoticeKind::Barrier => "notice-barrier",
            NoticeKind::Waiting => "notice-waiting",
            NoticeKind::Reported => "notice-reported",
            NoticeKind::Digest => "notice-digest",
        }
    }
}

impl Channel {
    pub const ALL: [Channel; 4] = [Channel::Off, Channel::Site, Channel::Email, Channel::Digest];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Off => "off",
            Channel::Site => "site",
            Channel::Email => "email",
            Channel::Digest => "digest",
        }
    }

    pub fn parse(raw: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == raw)
    }

    /// The message id naming this channel on the settings page.
    pub fn label_id(self) -> &'static str {
        match self {
            Channel::Off => "channel-off",
            Channel::Site => "channel-site",
            Channel::Email => "channel-email",
            Channel::Digest => "channel-digest",
        }
    }

    /// Whether the notification shows in the site.
    pub fn in_site(self) -> bool {
        self != Channel::Off
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_channels_round_trip_through_their_names() {
        for kind in NoticeKind::ALL {
            assert_eq!(NoticeKind::parse(kind.as_str()), Some(kind));
            assert!(kind.channels().contains(&kind.default_channel()));
        }
        for channel in Channel::ALL {
            assert_eq!(Channel::parse(channel.as_str()), Some(channel));
        }
        assert_eq!(NoticeKind::parse("nonsense"), None);
    }

    #[test]
    fn ones_own_stories_go_by_mail_and_the_rest_stays_in_the_site() {
        assert_eq!(NoticeKind::Published.default_channel(), Channel::Email);
        assert_eq!(NoticeKind::Note.default_channel(), Channel::Email);
        assert_eq!(NoticeKind::Waiting.default_channel(), Channel::Site);
        assert_eq!(NoticeKind::Inspired.default_channel(), Channel::Site);
        assert!(NoticeKind::Digest.for_managers());
        assert!(!NoticeKind::Named.for_managers());
    }
}
