//! Fuzzes `ApiError::from_response`: the first two bytes are the status, the rest the body.
//! Invariants: no panic, the status is kept, and string fields come back verbatim (checked
//! against classifying the same parts, numeric `error_code` included, directly).
#![no_main]

use easemob_errors::ResponseParts;
use easemob_errors::ApiError;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (status, body) = match data {
        [a, b, rest @ ..] => (u16::from_le_bytes([*a, *b]), rest),
        _ => (0, data),
    };
    let err = ApiError::from_response(status, body);
    assert_eq!(err.status(), status);
    let again = ApiError::from_parts(ResponseParts { status: status, error: err.code(), error_code: err.error_code(), description: err.description() });
    assert_eq!(again.kind(), err.kind());
    assert!(!err.to_string().contains('\n'));
    let _ = (err.zh(), err.en(), err.retry(), err.should_alert(), err.fields());
});
