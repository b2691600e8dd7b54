#include "http/forwarded.h"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <cstring>

namespace tafel::http {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// The 16-byte form of a textual address (IPv4 mapped into ::ffff:0:0/96), and
// whether it was IPv4; nullopt when it is not an address.
std::optional<std::pair<std::array<std::uint8_t, 16>, bool>> parse_address(std::string_view text) {
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
  if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return std::nullopt;
  char buffer[INET6_ADDRSTRLEN] = {};
  std::memcpy(buffer, text.data(), text.size());
  std::array<std::uint8_t, 16> bytes{};
  in_addr v4{};
  if (inet_pton(AF_INET, buffer, &v4) == 1) {
    bytes[10] = bytes[11] = 0xff;
    std::memcpy(bytes.data() + 12, &v4, 4);
    return std::pair{bytes, true};
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, buffer, &v6) == 1) {
    std::memcpy(bytes.data(), &v6, 16);
    return std::pair{bytes, false};
  }
  return std::nullopt;
}

// The comma-separated entries of a header value, trimmed, empty ones dropped.
std::vector<std::string_view> entries(std::string_view value) {
  std::vector<std::string_view> out;
  while (true) {
    auto comma = value.find(',');
    auto entry = trim(value.substr(0, comma));
    if (!entry.empty()) out.push_back(entry);
    if (comma == std::string_view::npos) break;
    value.remove_prefix(comma + 1);
  }
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x >= 'A' && x <= 'Z' ? x - 'A' + 'a' : x) == (y >= 'A' && y <= 'Z' ? y - 'A' + 'a' : y);
         });
}

}  // namespace

Result<TrustedProxies> TrustedProxies::parse(const std::vector<std::string>& list) {
  TrustedProxies out;
  for (const std::string& entry : list) {
    auto invalid = [&] {
      return fail("invalid_trusted_proxy", "trusted_proxies: \"" + entry +
                                               "\" is not an IPv4 or IPv6 address or a CIDR range such as 10.0.0.0/8");
    };
    std::string_view text = trim(entry);
    std::string_view address = text.substr(0, text.find('/'));
    auto parsed = parse_address(address);
    if (!parsed) return invalid();
    Range range;
    range.bytes = parsed->first;
    int max_bits = parsed->second ? 32 : 128;
    int bits = max_bits;
    if (auto slash = text.find('/'); slash != std::string_view::npos) {
      std::string_view digits = text.substr(slash + 1);
      auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), bits);
      if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || bits < 0 || bits > max_bits) {
        return invalid();
      }
    }
    range.prefix_bits = bits + (parsed->second ? 96 : 0);
    out.ranges_.push_back(range);
  }
  return out;
}

bool TrustedProxies::contains(std::string_view address) const {
  auto parsed = parse_address(trim(address));
  if (!parsed) return false;
  const auto& bytes = parsed->first;
  return std::any_of(ranges_.begin(), ranges_.end(), [&](const Range& r) {
    int full = r.prefix_bits / 8, rest = r.prefix_bits % 8;
    if (!std::equal(bytes.begin(), bytes.begin() + full, r.bytes.begin())) return false;
    if (rest == 0) return true;
    auto mask = static_cast<std::uint8_t>(0xff << (8 - rest));
    return (bytes[static_cast<std::size_t>(full)] & mask) == (r.bytes[static_cast<std::size_t>(full)] & mask);
  });
}

ClientOrigin resolve_client(std::string_view peer, bool connection_tls, std::optional<std::string_view> forwarded_for,
                            std::optional<std::string_view> forwarded_proto, const TrustedProxies& proxies) {
  ClientOrigin origin{std::string(peer), connection_tls};
  if (!proxies.contains(peer)) return origin;
  if (forwarded_proto) {
    auto protos = entries(*forwarded_proto);
    if (!protos.empty() && iequals(protos.back(), "https")) origin.https = true;
  }
  if (forwarded_for) {
    auto hops = entries(*forwarded_for);
    for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
      auto parsed = parse_address(*it);
      if (!parsed) break;  // not written by a proxy of ours: keep the last trusted hop
      std::string_view address = *it;
      if (address.front() == '[') address = address.substr(1, address.size() - 2);
      origin.address = std::string(address);
      if (!proxies.contains(address)) break;
    }
  }
  return origin;
}

}  // namespace tafel::http
