//! The body of a request no rule chose: Easemob's success envelope, so a client's happy path
//! runs against the mock too.

use http::Method;

/// `{"action":"post","uri":…,"path":…,"entities":[],"data":{},"timestamp":…,"duration":0,…}`
/// with `organization` and `applicationName` when the path starts with `/{org}/{app}`.
pub(crate) fn success_body(method: &Method, host: &str, path: &str, now_ms: u64) -> String {
    let mut body = serde_json::Map::new();
    body.insert("action".into(), method.as_str().to_ascii_lowercase().into());
    body.insert("uri".into(), format!("http://{host}{path}").into());
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if let [org, app, rest @ ..] = &segments[..] {
        body.insert("organization".into(), (*org).into());
        body.insert("applicationName".into(), (*app).into());
        body.insert("path".into(), format!("/{}", rest.join("/")).into());
    }
    body.insert("entities".into(), serde_json::Value::Array(Vec::new()));
    body.insert("data".into(), serde_json::Value::Object(Default::default()));
    body.insert("timestamp".into(), now_ms.into());
    body.insert("duration".into(), 0.into());
    serde_json::Value::Object(body).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelope_names_the_app() {
        let body = success_body(&Method::POST, "127.0.0.1:1", "/org/app/users", 5);
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["action"], "post");
        assert_eq!(v["uri"], "http://127.0.0.1:1/org/app/users");
        assert_eq!(v["path"], "/users");
        assert_eq!(v["applicationName"], "app");
        assert_eq!(v["entities"], serde_json::json!([]));
        assert_eq!(v["timestamp"], 5);
    }
}
