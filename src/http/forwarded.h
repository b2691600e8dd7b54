#pragma once
// Who is on the other end of a request when tafel runs behind a reverse proxy.
//
// The TCP peer of a proxied request is the proxy, so without this every user would
// share one address (one login throttle for all) and a TLS-terminating proxy would
// make every request look like plain HTTP (no Secure cookie, no HSTS). The proxy says
// who the client is in X-Forwarded-For and how it connected in X-Forwarded-Proto,
// but anybody can send those headers: they are believed only from a peer listed in
// [server] trusted_proxies (docs/configuration.md, "Behind a reverse proxy").
//
// resolve_client is the one place that decides; the server stores its answer in
// Request::remote_address and Request::https, which throttling, security events,
// the audit trail's source pseudonym, cookies and HSTS all read.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace tafel::http {

// A set of addresses and CIDR ranges, IPv4 or IPv6 ("10.0.0.5", "10.0.0.0/8",
// "::1", "fd00::/8"). IPv4 addresses also match in their IPv6-mapped form
// ("::ffff:10.0.0.5"), as a dual-stack socket reports them.
class TrustedProxies {
 public:
  TrustedProxies() = default;

  // Parses `entries`; fails with "invalid_trusted_proxy" naming the first entry that
  // is not an address or a range with a prefix length the address family allows.
  static Result<TrustedProxies> parse(const std::vector<std::string>& entries);

  // True if `address` (textual IPv4 or IPv6, no port) is in the set. Anything that
  // does not parse is not.
  bool contains(std::string_view address) const;
  bool empty() const { return ranges_.empty(); }

 private:
  struct Range {
    std::array<std::uint8_t, 16> bytes{};  // IPv4 as ::ffff:a.b.c.d
    int prefix_bits = 128;
  };
  std::vector<Range> ranges_;
};

struct ClientOrigin {
  std::string address;  // the client's address, no port
  bool https = false;   // the client's connection is HTTPS
};

// The client behind a request that arrived from `peer` (TLS on that connection or
// not), with the values of its X-Forwarded-For headers joined by ',' (or nullopt)
// and its X-Forwarded-Proto header (or nullopt):
//  * from a peer that is not a trusted proxy, both headers are ignored: the client
//    is the peer, HTTPS when the connection is TLS;
//  * from a trusted proxy, the client is the right-most X-Forwarded-For address that
//    is not itself a trusted proxy (entries to its left were written by whoever the
//    client is, and are ignored); when every listed address is trusted, the left-most;
//    an entry that is not an address ends the walk at the last trusted hop. The
//    request is HTTPS when the connection is TLS or the right-most
//    X-Forwarded-Proto value is "https".
ClientOrigin resolve_client(std::string_view peer, bool connection_tls, std::optional<std::string_view> forwarded_for,
                            std::optional<std::string_view> forwarded_proto, const TrustedProxies& proxies);

}  // namespace tafel::http
