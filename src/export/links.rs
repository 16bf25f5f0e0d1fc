//! The link format of `../shared/eval` and of `zhen-align align --format links`. (placeholder)
