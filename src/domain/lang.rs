//! The languages stories are written in: Dutch and English.

use serde::{Deserialize, Serialize};

/// The language a story is written in; it picks the search analyser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Nl,
    En,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "nl" => Some(Lang::Nl),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Guesses Dutch or English from the text; Dutch when unsure, since most
    /// organisations using Merkwaardig are Dutch.
    pub fn detect(text: &str) -> Lang {
        let detector =
            whatlang::Detector::with_allowlist(vec![whatlang::Lang::Nld, whatlang::Lang::Eng]);
        match detector.detect_lang(text) {
            Some(whatlang::Lang::Eng) => Lang::En,
            _ => Lang::Nl,
        }
    }
}
