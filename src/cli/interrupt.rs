//! Ctrl-C. A corpus run writes every file under a temporary name and renames it into place at
//! the end, so stopping it midway must remove the temporaries and leave the previous corpus
//! as it was; the run says so and exits with 130, as a shell reports a process ended by
//! SIGINT.
//!
//! A command that writes files watches for the interruption ([`watch`], [`interrupted`]) and
//! stops at the next article, dropping (and so removing) its temporary files. Any other
//! command, and a second Ctrl-C, ends the process at once.

use std::sync::atomic::{AtomicBool, Ordering};

static WATCHED: AtomicBool = AtomicBool::new(false);
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// What is said on stderr when a run is interrupted.
pub const MESSAGE: &str = "interrupted; the previous output is kept";

/// Install the Ctrl-C handler (once; a second call, as in tests, changes nothing).
pub fn install() {
    let _ = ctrlc::set_handler(|| {
        if WATCHED.load(Ordering::SeqCst) && !INTERRUPTED.swap(true, Ordering::SeqCst) {
            return;
        }
        note!("\nzhen-align: {MESSAGE}");
        std::process::exit(130);
    });
}

/// From now on, Ctrl-C asks the command to stop instead of ending the process.
pub fn watch() {
    WATCHED.store(true, Ordering::SeqCst);
}

/// Whether Ctrl-C was pressed since [`watch`].
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}
