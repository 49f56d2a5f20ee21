//! Classification allocates nothing beyond the error's box (which also holds the raw strings
//! when they fit, as nearly every body's do) and the extracted values,
//! proved with a counting global allocator (this test binary's only test, so nothing else
//! allocates while it counts).

#![allow(unsafe_code)] // a GlobalAlloc impl is unsafe by definition

use easemob_errors::ApiError;
use easemob_errors::ResponseParts;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards every call to the system allocator unchanged; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn count<T>(f: impl FnOnce() -> T) -> (usize, T) {
    let before = ALLOCATIONS.load(Ordering::SeqCst);
    let value = f();
    (ALLOCATIONS.load(Ordering::SeqCst) - before, value)
}

#[test]
fn allocations_per_call() {
    // The index is built once, on first use; warm it up.
    let _ = ApiError::from_parts(ResponseParts {
        status: 400,
        error: None,
        error_code: None,
        description: None,
    });

    // No placeholder: the error's box (holding the code and the description), nothing else.
    let (n, err) = count(|| {
        ApiError::from_parts(ResponseParts {
            status: 404,
            error: Some("service_resource_not_found"),
            error_code: None,
            description: Some("Service resource not found"),
        })
    });
    assert_eq!(err.id(), Some("resource_not_found"));
    assert_eq!(n, 1, "no-placeholder entry");

    // One placeholder: plus one String for its value.
    let (n, err) = count(|| {
        ApiError::from_parts(ResponseParts {
            status: 403,
            error: Some("forbidden_op"),
            error_code: None,
            description: Some("users [u1] are not members of this group!"),
        })
    });
    assert_eq!(err.id(), Some("users_not_group_members"));
    assert_eq!(n, 2, "one-placeholder entry");

    // Two placeholders, through a trailing newline.
    let (n, err) = count(|| {
        ApiError::from_parts(ResponseParts {
            status: 403,
            error: Some("forbidden_op"),
            error_code: None,
            description: Some("can not join this group, reason:user: a already in group: 1\n"),
        })
    });
    assert_eq!(err.id(), Some("user_already_in_group"));
    assert_eq!(n, 3, "two-placeholder entry");

    // Unknown: only the box with the raw strings.
    let (n, err) = count(|| {
        ApiError::from_parts(ResponseParts {
            status: 403,
            error: Some("brand_new"),
            error_code: None,
            description: Some("never documented"),
        })
    });
    assert!(!err.is_known());
    assert_eq!(n, 1, "unknown error");

    // Raw strings too long to keep inline: one more allocation for both together.
    let long = format!("users [{}] are not members of this group!", "u".repeat(200));
    let (n, err) = count(|| {
        ApiError::from_parts(ResponseParts {
            status: 403,
            error: Some("forbidden_op"),
            error_code: None,
            description: Some(&long),
        })
    });
    assert_eq!(err.fields(), [("users", "u".repeat(200).as_str())]);
    assert_eq!(n, 3, "box + raw strings + one value");

    // From a real body: reading it borrows, so the counts are the same.
    let body = br#"{"error":"forbidden_op","exception":"EasemobForbiddenOpException","timestamp":1644402553845,"duration":0,"error_description":"users [u1] are not members of this group!"}"#;
    let (n, err) = count(|| ApiError::from_response(403, body));
    assert_eq!(err.id(), Some("users_not_group_members"));
    assert_eq!(n, 2, "one-placeholder entry from a body");

    // Explaining allocates nothing, with or without a request.
    let err = err.with_request("DELETE", "/org/app/chatgroups/1/users/u1");
    let (n, _) = count(|| {
        (
            err.zh().len(),
            err.en().len(),
            err.retry(),
            err.should_alert(),
            err.id(),
            err.area(),
        )
    });
    assert_eq!(n, 0);
}
