//! The committed C header matches the C ABI in `src/capi.rs`.

use std::path::Path;

#[test]
fn header_committed_copy_is_current() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = cbindgen::Config::from_file(dir.join("cbindgen.toml")).expect("cbindgen.toml");
    let bindings = cbindgen::Builder::new()
        .with_config(config)
        .with_src(dir.join("src/capi.rs"))
        .generate()
        .expect("cbindgen generates the header");
    let mut text = Vec::new();
    bindings.write(&mut text);
    let text = String::from_utf8(text).expect("UTF-8 header");
    for name in [
        "silkroute_engine_new_eurasia",
        "silkroute_engine_from_path",
        "silkroute_engine_from_bytes",
        "silkroute_engine_free",
        "silkroute_call",
        "silkroute_string_free",
        "silkroute_version",
        "SILKROUTE_STATUS_INVALID_ARGUMENT",
        "SILKROUTE_API_VERSION",
    ] {
        assert!(
            text.contains(name),
            "{name} missing from the generated header"
        );
    }
    crate::check_generated("include/silkroute.h", &text, "header");
}
