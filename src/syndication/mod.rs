//! Feeds, OpenSearch and oEmbed: how feed readers, browsers and intranet
//! pages pick up published stories. Pure functions over [`StoryView`]s and
//! the site's public address; the routes fetch the stories, these build.
//!
//! [`StoryView`]: crate::services::stories::StoryView

pub mod atom;
pub mod oembed;

/// Drops the characters XML 1.0 cannot hold at all (most control
/// characters); escaping is the XML writer's job, this is what it cannot do.
pub fn xml_text(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn characters_xml_cannot_hold_are_dropped() {
        assert_eq!(super::xml_text("a\u{1}b\tc\u{FFFF}d & <e>"), "ab\tcd & <e>");
    }
}
