// The HTML reports in a real browser: Debian's chromium, headless, opens report.html and
// compare.html from disk, and the page's own renderer records in the DOM how many charts it
// drew and any script error (docs/html-report.md). Also takes a screenshot of each page.
//
// Skipped, with a warning saying so, when chromium is not installed (scripts/setup.sh
// installs it). PPUSIM_CHROMIUM=/path/to/browser picks another one; PPUSIM_SCREENSHOT_DIR=DIR
// keeps the screenshots there for a person to look at.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "tests/cli_runner.hpp"

extern char** environ;

namespace ppusim {
namespace {

using namespace cli_test;
namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kSmallTest = kSourceDir / "configs" / "small-test.json";
const fs::path kSmallJobs = kSourceDir / "tests" / "data" / "small-jobs.jsonl";

std::optional<fs::path> find_chromium() {
  if (const char* chosen = std::getenv("PPUSIM_CHROMIUM"); chosen && *chosen) return fs::path(chosen);
  const char* path = std::getenv("PATH");
  std::string folders = path ? path : "/usr/bin:/bin";
  for (std::size_t start = 0; start <= folders.size();) {
    std::size_t end = folders.find(':', start);
    if (end == std::string::npos) end = folders.size();
    const fs::path folder = folders.substr(start, end - start);
    for (const char* name : {"chromium", "chromium-browser"}) {
      const fs::path candidate = folder / name;
      if (!folder.empty() && ::access(candidate.c_str(), X_OK) == 0) return candidate;
    }
    start = end + 1;
  }
  return std::nullopt;
}

struct BrowserRun {
  int exit_code = -1;
  bool timed_out = false;
  std::string out, err;
};

/// Runs the browser with `args` in its own process group, HOME in `dir`, stdout and stderr to
/// files; kills the whole group after `timeout_s` (a hung browser must not hang the tests).
BrowserRun run_browser(const TempDir& dir, const fs::path& browser, const std::vector<std::string>& args,
                       const std::string& tag, int timeout_s = 120) {
  const fs::path home = dir / ("home-" + tag);
  fs::create_directories(home);
  const std::string out_path = (dir / (tag + ".stdout")).string();
  const std::string err_path = (dir / (tag + ".stderr")).string();

  std::vector<std::string> storage{browser.string()};
  storage.insert(storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& arg : storage) argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_storage{"HOME=" + home.string()};
  for (char** e = environ; *e; ++e) {
    if (std::string(*e).rfind("HOME=", 0) != 0) env_storage.emplace_back(*e);
  }
  std::vector<char*> envp;
  for (std::string& entry : env_storage) envp.push_back(entry.data());
  envp.push_back(nullptr);

  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::setpgid(0, 0);
    const int out_fd = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err_fd = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int null_fd = ::open("/dev/null", O_RDONLY);
    if (out_fd < 0 || err_fd < 0 || null_fd < 0 || ::dup2(null_fd, 0) < 0 || ::dup2(out_fd, 1) < 0 ||
        ::dup2(err_fd, 2) < 0) {
      ::_exit(126);
    }
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  REQUIRE(pid > 0);
  ::setpgid(pid, pid);  // also from here: no race with the child's own call

  BrowserRun result;
  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  while (true) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (std::chrono::steady_clock::now() > deadline) {
      result.timed_out = true;
      ::kill(-pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::kill(-pid, SIGKILL);  // helper processes the browser may have left behind
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  result.out = read_text(out_path);
  result.err = read_text(err_path);
  return result;
}

std::vector<std::string> browser_flags(const TempDir& dir, const std::string& tag) {
  const fs::path profile = dir / ("profile-" + tag);
  fs::create_directories(profile);
  return {"--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
          "--hide-scrollbars",
          "--enable-logging=stderr",
          "--v=0",
          "--user-data-dir=" + profile.string()};
}

/// An attribute of the dumped <body>, "" when absent.
std::string body_attribute(const std::string& dom, const std::string& name) {
  std::smatch body;
  if (!std::regex_search(dom, body, std::regex("<body[^>]*>"))) return "";
  const std::string tag = body.str();
  std::smatch value;
  if (!std::regex_search(tag, value, std::regex(" " + name + "=\"([^\"]*)\""))) return "";
  return value[1].str();
}

/// Opens the page, lets it render, and checks what the renderer recorded in the DOM; then takes
/// a screenshot and checks it is a real, non-trivial PNG of the window's size.
void check_in_browser(const TempDir& dir, const fs::path& browser, const fs::path& page,
                      const std::string& expected_charts, const std::string& tag) {
  const std::string url = "file://" + fs::absolute(page).string();
  std::vector<std::string> args = browser_flags(dir, tag + "-dom");
  args.push_back("--dump-dom");
  args.push_back(url);
  const BrowserRun dom = run_browser(dir, browser, args, tag + "-dom");
  INFO("browser stderr:\n" << dom.err);
  REQUIRE_FALSE(dom.timed_out);
  REQUIRE(dom.exit_code == 0);
  CHECK(body_attribute(dom.out, "data-render-done") == "1");
  CHECK(body_attribute(dom.out, "data-charts-expected") == expected_charts);
  CHECK(body_attribute(dom.out, "data-charts-rendered") == expected_charts);
  CHECK(body_attribute(dom.out, "data-errors").empty());
  // The error box stays empty and hidden.
  CHECK(dom.out.find("<div id=\"ppusim-errors\" class=\"errors\" role=\"alert\" hidden=\"\"></div>") !=
        std::string::npos);
  // What the console said, as the browser logs it: no uncaught exception.
  CHECK(dom.err.find("Uncaught") == std::string::npos);

  const fs::path png = dir / (tag + ".png");
  args = browser_flags(dir, tag + "-png");
  args.push_back("--window-size=1400,3000");
  args.push_back("--screenshot=" + png.string());
  args.push_back(url);
  const BrowserRun shot = run_browser(dir, browser, args, tag + "-png");
  INFO("browser stderr:\n" << shot.err);
  REQUIRE_FALSE(shot.timed_out);
  REQUIRE(fs::exists(png));
  const std::string bytes = read_text(png);
  REQUIRE(bytes.size() > 24);
  CHECK(bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
  auto big_endian = [&](std::size_t at) {
    return (static_cast<unsigned char>(bytes[at]) << 24) | (static_cast<unsigned char>(bytes[at + 1]) << 16) |
           (static_cast<unsigned char>(bytes[at + 2]) << 8) | static_cast<unsigned char>(bytes[at + 3]);
  };
  CHECK(big_endian(16) == 1400);  // IHDR width
  CHECK(big_endian(20) == 3000);  // IHDR height
  // A blank 1400 × 3000 page compresses to a few kB; tables, text and seven charts do not.
  CHECK(bytes.size() > 60000);
  if (const char* keep = std::getenv("PPUSIM_SCREENSHOT_DIR"); keep && *keep) {
    fs::create_directories(keep);
    fs::copy_file(png, fs::path(keep) / (tag + ".png"), fs::copy_options::overwrite_existing);
  }
}

}  // namespace

TEST_CASE("html browser: chromium draws every chart of report.html and compare.html, no error",
          "[html][browser]") {
  const std::optional<fs::path> browser = find_chromium();
  if (!browser) {
    WARN(
        "SKIPPED: chromium is not installed, so the headless-browser test of the HTML reports did not run "
        "(scripts/setup.sh installs Debian's chromium; PPUSIM_CHROMIUM=/path picks another browser)");
    return;
  }
  TempDir dir;
  // 200 generated jobs over ten hours: every chart has something to show.
  json scenario = read_json(kSmallTest);
  scenario["workload"] = {{"generator", {{"jobs", 200}, {"duration_s", 36000}, {"max_ppus", 64}}}};
  write_text(dir / "generated.json", scenario.dump(2));
  const Outcome run = run_ppusim(dir, {"run", "generated.json", "-o", "run", "--html", "-q"});
  INFO(describe(run));
  REQUIRE(run.exit_code == 0);
  check_in_browser(dir, *browser, dir / "run" / "report.html", "7", "report");
  // No failures configured: the failures timeline is a note, not a chart.
  const std::string page = read_text(dir / "run" / "report.html");
  CHECK(page.find("<figure class=\"chart chart-note\" id=\"chart-failures-timeline\">") != std::string::npos);
  CHECK(page.find("No failures configured") != std::string::npos);

  // The same with node failures (16 nodes of MTBF 20 h over about ten hours: some eight) and a
  // leaf uplink failing at 2 h: the failures timeline is drawn as the eighth chart.
  scenario["failures"] = {
      {"components",
       {{"node", {{"mtbf_hours", 20}, {"repair_s", {{"distribution", "fixed"}, {"value_s", 1800}}}}}}},
      {"events", {{{"time_s", 7200}, {"component", "link"}, {"index", 0}}}}};
  write_text(dir / "failing.json", scenario.dump(2));
  const Outcome failing = run_ppusim(dir, {"run", "failing.json", "-o", "failing", "--html", "-q"});
  INFO(describe(failing));
  REQUIRE(failing.exit_code == 0);
  REQUIRE(read_json(dir / "failing" / "report.json")["failures"]["interruptions"].get<long long>() > 0);
  check_in_browser(dir, *browser, dir / "failing" / "report.html", "8", "report-failures");

  json fifo = read_json(kSmallTest);
  fifo["workload"] = {{"trace", kSmallJobs.string()}};
  fifo["scheduler"]["policy"] = "fifo";
  write_text(dir / "fifo.json", fifo.dump(2));
  // Side by side, with failures in one scenario: the five charts and the interruptions by cause.
  const Outcome compare = run_ppusim(dir, {"compare", "failing.json", "fifo.json", "-o", "cmp", "-q"});
  INFO(describe(compare));
  REQUIRE(compare.exit_code == 0);
  check_in_browser(dir, *browser, dir / "cmp" / "compare.html", "6", "compare");
}

TEST_CASE("html browser: a run with inference services draws their charts too",
          "[html][browser][inference]") {
  const std::optional<fs::path> browser = find_chromium();
  if (!browser) {
    WARN("SKIPPED: chromium is not installed (see the test above)");
    return;
  }
  TempDir dir;
  const fs::path mix = kSourceDir / "configs" / "inference-mix.json";
  const Outcome run = run_ppusim(dir, {"run", mix.string(), "-o", "run", "--html", "-q"});
  INFO(describe(run));
  REQUIRE(run.exit_code == 0);
  // The seven charts of a training run, plus TTFT, TPOT and serving replicas.
  check_in_browser(dir, *browser, dir / "run" / "report.html", "10", "report-services");
}

}  // namespace ppusim
