// Runs a fuzz target once on each input: every file named, and every file under each directory
// named. Two builds of it: build/debug (ASan + UBSan) replays the committed corpus in `make
// test`; build/afl (afl-g++) is what afl-fuzz runs in `make fuzz`, one input per process
// through `@@`. When an input crashes, the driver names it before the process dies.
//
//   fuzz_driver xlsx fuzz/corpus/xlsx                          # the corpus, as `make test` does
//   fuzz_driver http build/afl/crashes/http/0a1b2c3d4e5f.http   # one input, with a stack
#include <algorithm>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/common_interface_defs.h>
#endif

extern "C" int fuzz_xlsx(const std::uint8_t*, std::size_t);
extern "C" int fuzz_csv(const std::uint8_t*, std::size_t);
extern "C" int fuzz_scheme(const std::uint8_t*, std::size_t);
extern "C" int fuzz_http(const std::uint8_t*, std::size_t);

namespace {
const char* volatile current = nullptr;  // the input being run, for the crash message

void name_input() {
    const char* f = current;
    current = nullptr;  // once, though both the sanitizer's callback and SIGABRT may come
    if (!f) return;
    const char prefix[] = "fuzz_driver: the input that failed: ";
    (void)!write(2, prefix, sizeof prefix - 1);
    (void)!write(2, f, std::strlen(f));
    (void)!write(2, "\n", 1);
}

void on_signal(int sig) {
    name_input();
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}
}  // namespace

// UBSan stops at the first error (-fno-sanitize-recover) by exiting; make it abort instead, so
// that the input is named and afl-fuzz sees a crash, and print the stack. UBSAN_OPTIONS overrides.
extern "C" const char* __ubsan_default_options() { return "print_stacktrace=1:abort_on_error=1"; }

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: fuzz_driver xlsx|csv|scheme|http FILE_OR_DIR...\n";
        return 2;
    }
    std::string name = argv[1];
    auto target = name == "xlsx" ? fuzz_xlsx : name == "csv" ? fuzz_csv : name == "scheme" ? fuzz_scheme
                : name == "http" ? fuzz_http : nullptr;
    if (!target) {
        std::cerr << "unknown target " << name << "\n";
        return 2;
    }
    std::vector<std::string> files;
    for (int i = 2; i < argc; ++i) {
        std::filesystem::path p = argv[i];
        if (!std::filesystem::is_directory(p)) {
            files.push_back(p.string());
            continue;
        }
        for (auto& e : std::filesystem::recursive_directory_iterator(p))
            if (e.is_regular_file()) files.push_back(e.path().string());
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) {
        std::cerr << name << ": no inputs\n";
        return 1;
    }
#if defined(__SANITIZE_ADDRESS__)
    __sanitizer_set_death_callback(name_input);
#endif
    for (int sig : {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL}) std::signal(sig, on_signal);
    std::string input;
    for (auto& f : files) {
        std::ifstream in(f, std::ios::binary);
        if (!in) {
            std::cerr << name << ": cannot read " << f << "\n";
            return 1;
        }
        input.assign(std::istreambuf_iterator<char>(in), {});
        current = f.c_str();
        target(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
        current = nullptr;
    }
    std::cout << name << ": " << files.size() << (files.size() == 1 ? " input" : " inputs") << " ok\n";
    return 0;
}
