//! HTTP load with `wrk` (Debian's package, installed when missing): one
//! thread, a fixed number of connections, each request the next path of a
//! list, latency percentiles from wrk itself. The tool's own CPU time is
//! measured too, so the report can say how much of the machine it took.

use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// What a run of wrk measured.
#[derive(Clone, Debug, Default)]
pub struct Load {
    pub requests: u64,
    pub seconds: f64,
    /// Connection errors, timeouts and answers other than 2xx/3xx.
    pub errors: u64,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    /// The load tool's CPU time as a share of one core.
    pub tool_cpu: f64,
}

impl Load {
    pub fn per_second(&self) -> f64 {
        self.requests as f64 / self.seconds.max(1e-9)
    }
}

const SCRIPT: &str = r#"
local paths = {}
local body = nil
local headers = {}
init = function(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  if args[2] then
    local f = io.open(args[2]); body = f:read("*a"); f:close()
    headers["Content-Type"] = "application/json"
  end
  counter = 0
end
request = function()
  counter = counter + 1
  local path = paths[(counter - 1) % #paths + 1]
  if body then
    headers["X-Forwarded-User"] = "writer" .. counter .. "-" .. math.random(1, 1000000000)
    return wrk.format("POST", path, headers, body)
  end
  return wrk.format("GET", path)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d\n", summary.requests, summary.duration,
    e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"#;

pub fn ensure_wrk() {
    if Command::new("wrk").arg("--version").output().is_ok() {
        return;
    }
    eprintln!("installing wrk (Debian's package)");
    let ok = Command::new("sh")
        .args(["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null"])
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        ok,
        "wrk is missing and could not be installed: apt-get install wrk"
    );
}

/// Sends GETs to `paths` (or POSTs of `body`) for `seconds` over
/// `connections` connections.
pub fn run(
    dir: &Path,
    base: &str,
    paths: &[String],
    body: Option<&str>,
    connections: u32,
    seconds: u32,
) -> Load {
    let script = dir.join("load.lua");
    std::fs::write(&script, SCRIPT).unwrap();
    let list = dir.join("load-paths.txt");
    let mut file = std::fs::File::create(&list).unwrap();
    for path in paths {
        writeln!(file, "{path}").unwrap();
    }
    drop(file);
    let mut args = vec![list.display().to_string()];
    if let Some(body) = body {
        let file = dir.join("load-body.json");
        std::fs::write(&file, body).unwrap();
        args.push(file.display().to_string());
    }
    let before = children_cpu();
    let output = Command::new("wrk")
        .args([
            "-t1",
            &format!("-c{connections}"),
            &format!("-d{seconds}s"),
            "--timeout",
            "10s",
        ])
        .arg("-s")
        .arg(&script)
        .arg(base)
        .arg("--")
        .args(&args)
        .output()
        .expect("wrk runs");
    let cpu = children_cpu() - before;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix("RESULT "))
        .unwrap_or_else(|| {
            panic!(
                "wrk printed no result:\n{stdout}\n{}",
                String::from_utf8_lossy(&output.stderr)
            )
        });
    let n: Vec<f64> = line
        .split_whitespace()
        .map(|v| v.parse().unwrap())
        .collect();
    let seconds = n[1] / 1e6;
    Load {
        requests: n[0] as u64,
        seconds,
        errors: n[2] as u64,
        p50_ms: n[3] / 1000.0,
        p95_ms: n[4] / 1000.0,
        p99_ms: n[5] / 1000.0,
        tool_cpu: cpu.as_secs_f64() / seconds.max(1e-9),
    }
}

/// CPU time used by this process's finished children.
fn children_cpu() -> Duration {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage writes into the struct it is given and nothing else.
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    time(usage.ru_utime) + time(usage.ru_stime)
}
