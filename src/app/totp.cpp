#include "app/totp.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <cctype>
#include <cstdio>
#include <cstring>

namespace skillgrade::app {
namespace {
constexpr const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

std::string percent_encode(std::string_view s) {
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
            out += static_cast<char>(c);
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            out += buf;
        }
    }
    return out;
}
}  // namespace

std::string base32_encode(std::string_view bytes) {
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (unsigned char c : bytes) {
        buffer = (buffer << 8) | c;
        bits += 8;
        while (bits >= 5) {
            out += kAlphabet[(buffer >> (bits - 5)) & 31];
            bits -= 5;
        }
    }
    if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 31];
    return out;
}

std::optional<std::string> base32_decode(std::string_view text) {
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (char ch : text) {
        if (ch == ' ' || ch == '=' || ch == '-') continue;
        char c = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        const char* p = std::strchr(kAlphabet, c);
        if (!p || c == '\0') return std::nullopt;
        buffer = (buffer << 5) | static_cast<std::uint32_t>(p - kAlphabet);
        bits += 5;
        if (bits >= 8) {
            out += static_cast<char>((buffer >> (bits - 8)) & 0xFF);
            bits -= 8;
        }
    }
    if (out.empty()) return std::nullopt;
    return out;
}

std::string new_totp_secret() {
    unsigned char key[20];
    randombytes_buf(key, sizeof key);
    return base32_encode({reinterpret_cast<const char*>(key), sizeof key});
}

std::int64_t totp_step(std::int64_t unix_seconds) { return unix_seconds / 30; }

std::string totp_code(std::string_view secret_base32, std::int64_t step) {
    auto key = base32_decode(secret_base32);
    if (!key) return "";
    unsigned char msg[8];
    for (int i = 7; i >= 0; --i) {
        msg[i] = static_cast<unsigned char>(step & 0xFF);
        step >>= 8;
    }
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(EVP_sha1(), key->data(), static_cast<int>(key->size()), msg, sizeof msg, mac, &len);
    // RFC 4226 §5.3: dynamic truncation.
    int offset = mac[len - 1] & 0x0F;
    std::uint32_t bin = (static_cast<std::uint32_t>(mac[offset] & 0x7F) << 24) | (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                        (static_cast<std::uint32_t>(mac[offset + 2]) << 8) | static_cast<std::uint32_t>(mac[offset + 3]);
    char buf[8];
    std::snprintf(buf, sizeof buf, "%06u", bin % 1000000u);
    return buf;
}

std::optional<std::int64_t> totp_match(std::string_view secret_base32, std::string_view code, std::int64_t step, int window) {
    if (code.size() != 6) return std::nullopt;
    for (int d = -window; d <= window; ++d) {
        auto expected = totp_code(secret_base32, step + d);
        if (!expected.empty() && sodium_memcmp(expected.data(), code.data(), 6) == 0) return step + d;
    }
    return std::nullopt;
}

std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret_base32) {
    return "otpauth://totp/" + percent_encode(issuer) + ":" + percent_encode(account) + "?secret=" + std::string(secret_base32) +
           "&issuer=" + percent_encode(issuer) + "&algorithm=SHA1&digits=6&period=30";
}

}  // namespace skillgrade::app
