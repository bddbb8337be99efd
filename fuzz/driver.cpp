// Runs a fuzz target over a corpus (every file once: what `make test` does), or, with
// --mutate SECONDS, keeps feeding it random mutations of the corpus files (what `make fuzz`
// does). Mutations are byte flips, insertions, deletions and splices; inputs that crash are
// caught by the sanitizers and the last input is saved to fuzz-crash-<target>.
//
//   fuzz_driver xlsx fuzz/corpus/xlsx
//   fuzz_driver csv fuzz/corpus/csv --mutate 60
#include <chrono>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

extern "C" int fuzz_xlsx(const std::uint8_t*, std::size_t);
extern "C" int fuzz_csv(const std::uint8_t*, std::size_t);
extern "C" int fuzz_scheme(const std::uint8_t*, std::size_t);

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: fuzz_driver xlsx|csv|scheme CORPUS_DIR... [--mutate SECONDS]\n";
        return 2;
    }
    std::string name = argv[1];
    auto target = name == "xlsx" ? fuzz_xlsx : name == "csv" ? fuzz_csv : name == "scheme" ? fuzz_scheme : nullptr;
    if (!target) {
        std::cerr << "unknown target " << name << "\n";
        return 2;
    }
    int seconds = 0;
    std::vector<std::string> corpus;
    for (int i = 2; i < argc; ++i) {
        if (std::strcmp(argv[i], "--mutate") == 0 && i + 1 < argc) { seconds = std::atoi(argv[++i]); continue; }
        for (auto& e : std::filesystem::recursive_directory_iterator(argv[i])) {
            if (!e.is_regular_file()) continue;
            std::ifstream in(e.path(), std::ios::binary);
            std::ostringstream ss;
            ss << in.rdbuf();
            corpus.push_back(ss.str());
        }
    }
    if (corpus.empty()) corpus.push_back("");
    for (auto& c : corpus) target(reinterpret_cast<const std::uint8_t*>(c.data()), c.size());
    std::cout << name << ": " << corpus.size() << " corpus inputs ok\n";
    if (seconds <= 0) return 0;

    std::mt19937_64 rng(std::random_device{}());
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    std::uint64_t runs = 0;
    std::string input;
    while (std::chrono::steady_clock::now() < until) {
        input = corpus[rng() % corpus.size()];
        int edits = 1 + static_cast<int>(rng() % 8);
        for (int k = 0; k < edits; ++k) {
            std::size_t pos = input.empty() ? 0 : rng() % input.size();
            switch (rng() % 4) {
                case 0: if (!input.empty()) input[pos] = static_cast<char>(rng()); break;
                case 1: input.insert(pos, 1 + rng() % 8, static_cast<char>(rng())); break;
                case 2: if (!input.empty()) input.erase(pos, 1 + rng() % 8); break;
                case 3: {
                    auto& other = corpus[rng() % corpus.size()];
                    if (!other.empty()) input.insert(pos, other.substr(rng() % other.size(), 1 + rng() % 64));
                }
            }
        }
        std::ofstream("fuzz-crash-" + name, std::ios::binary) << input;
        target(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
        ++runs;
    }
    std::filesystem::remove("fuzz-crash-" + name);
    std::cout << name << ": " << runs << " mutated inputs ok in " << seconds << " s\n";
    return 0;
}
