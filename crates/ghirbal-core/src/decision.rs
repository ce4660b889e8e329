use crate::{Reason, Role};
use serde::{Deserialize, Serialize};

/// The outcome of a stage for one line or one article: keep it or not, the role it was given and
/// the reason. A removal is data, not an error: decisions feed `stats.json` and the audit trail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub keep: bool,
    pub role: Role,
    pub reason: Reason,
}

impl Decision {
    pub fn keep(role: Role, reason: Reason) -> Self {
        Decision {
            keep: true,
            role,
            reason,
        }
    }
    pub fn drop(role: Role, reason: Reason) -> Self {
        Decision {
            keep: false,
            role,
            reason,
        }
    }
}
