//! The built-in checklist as users see it.

use crate::common::Env;

#[test]
fn checklist_show_in_english_and_indonesian() {
    let env = Env::new();
    for lang in ["en", "id"] {
        let output = env
            .etika()
            .args(["checklist", "show", "ai-ethics", "--lang", lang])
            .output()
            .unwrap();
        assert!(output.status.success());
        assert_eq!(crate::common::stderr(&output), "");
        insta::assert_snapshot!(format!("builtin_show_{lang}"), crate::common::stdout(&output));
    }
}
