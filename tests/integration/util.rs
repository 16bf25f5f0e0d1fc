//! Helpers shared by the integration tests.

use std::path::Path;
use std::process::{Command, Output};

/// The binary under test, built by Cargo for this test run.
pub const BIN: &str = env!("CARGO_BIN_EXE_zhen-align");

/// Run the binary with `args` and wait for it.
pub fn zhen(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("binary runs")
}

/// The binary with `args`, not yet started (for stdin, environment or signals).
pub fn zhen_command(args: &[&str]) -> Command {
    let mut command = Command::new(BIN);
    command.args(args);
    command
}

/// `zhen-align corpus INPUT… -o OUT EXTRA…`, waited for.
pub fn corpus(inputs: &[&Path], out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["corpus"];
    args.extend(inputs.iter().map(|p| p.to_str().expect("UTF-8 test path")));
    args.extend(["-o", out.to_str().expect("UTF-8 test path")]);
    args.extend(extra);
    zhen(&args)
}

/// A run's standard error as text.
pub fn stderr_of(run: &Output) -> String {
    String::from_utf8_lossy(&run.stderr).into_owned()
}

/// The lines of a seed file of `tests/data/seeds` (`003.zh`, `003.gold`).
pub fn seed_lines(name: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/seeds")
        .join(name);
    let text = std::fs::read_to_string(&path).expect("seed file");
    text.lines().map(str::to_string).collect()
}

/// Write `lines` to `path`, one a line.
pub fn write_lines(path: &Path, lines: &[String]) {
    std::fs::write(path, lines.join("\n") + "\n").expect("write test file");
}
