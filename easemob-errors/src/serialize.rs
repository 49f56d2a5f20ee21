//! `Serialize` for [`ApiError`] (feature `serde`): one flat object for structured logs, with
//! exactly the keys and meanings of `explain --json`.
//!
//! ```json
//! {"status":403,"error":"forbidden_op","description":"users [u1] are not members of this group!",
//!  "known":true,"id":"users_not_group_members","fields":{"users":"u1"},
//!  "zh":"…","en":"…","retry":"never","alert":false,"area":"chatgroups",
//!  "matched_by":"error_and_description"}
//! ```
//!
//! `error` and `description` are the raw values (or `null`), `known` says whether the catalog
//! has the error, `id` is its catalog id (or `null`), `fields` maps placeholder names to the
//! values taken from the description, `zh`/`en` the likely cause, `retry` one of `never`,
//! `transient`, `throttled`, `refresh_token`, `split_request`, and `alert` whether operations
//! should hear about it, `area` the API area (or `null`), `matched_by` what the classification
//! rested on (`error_code`, `error_and_description`, `description`, `error`, `status`). Later versions may add keys; none of these will change meaning.

use crate::{ApiError, Classify};
use serde::ser::{Serialize, SerializeMap, Serializer};

struct Fields<'a>(crate::Fields<'a>);

impl Serialize for Fields<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<K: Classify> Serialize for ApiError<K> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(12))?;
        map.serialize_entry("status", &self.status())?;
        map.serialize_entry("error", &self.code())?;
        map.serialize_entry("description", &self.description())?;
        map.serialize_entry("known", &self.is_known())?;
        map.serialize_entry("id", &self.id())?;
        map.serialize_entry("fields", &Fields(self.fields()))?;
        map.serialize_entry("zh", self.zh())?;
        map.serialize_entry("en", self.en())?;
        map.serialize_entry("retry", self.retry().as_str())?;
        map.serialize_entry("alert", &self.should_alert())?;
        map.serialize_entry("area", &self.area())?;
        map.serialize_entry("matched_by", self.matched_by().as_str())?;
        map.end()
    }
}
