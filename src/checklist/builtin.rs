//! Checklists compiled into the binary, so `etika` works with nothing beside it.

use anyhow::Result;

use super::{Checklist, Origin};

pub struct Builtin {
    pub id: &'static str,
    pub file_name: &'static str,
    pub source: &'static str,
}

pub const BUILTIN: &[Builtin] = &[Builtin {
    id: "ai-ethics",
    file_name: "checklists/ai-ethics.yaml",
    source: include_str!("../../checklists/ai-ethics.yaml"),
}];

impl Builtin {
    pub fn load(&self) -> Result<Checklist> {
        super::parse(self.source, self.file_name, Origin::Builtin)
    }
}

pub fn find(id: &str) -> Option<&'static Builtin> {
    BUILTIN.iter().find(|b| b.id == id)
}

pub fn ids() -> Vec<&'static str> {
    BUILTIN.iter().map(|b| b.id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_checklist_loads_and_has_its_id() {
        for builtin in BUILTIN {
            let checklist = builtin.load().unwrap_or_else(|e| panic!("{e:#}"));
            assert_eq!(checklist.id, builtin.id);
        }
    }
}
