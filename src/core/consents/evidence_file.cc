#include "core/consents/evidence_file.h"

#include <algorithm>
#include <array>

namespace tafel::consents {

namespace {
template <std::size_t N>
bool starts_with(std::span<const std::uint8_t> bytes, const std::array<std::uint8_t, N>& magic) {
  return bytes.size() >= N && std::equal(magic.begin(), magic.end(), bytes.begin());
}
}  // namespace

std::optional<std::string_view> sniff_evidence_type(std::span<const std::uint8_t> bytes) {
  static constexpr std::array<std::uint8_t, 5> kPdf{'%', 'P', 'D', 'F', '-'};
  static constexpr std::array<std::uint8_t, 3> kJpeg{0xFF, 0xD8, 0xFF};
  static constexpr std::array<std::uint8_t, 8> kPng{0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
  if (starts_with(bytes, kPdf)) return "application/pdf";
  if (starts_with(bytes, kJpeg)) return "image/jpeg";
  if (starts_with(bytes, kPng)) return "image/png";
  return std::nullopt;
}

Result<std::string_view> check_evidence_file(std::span<const std::uint8_t> bytes) {
  if (bytes.empty()) return fail("evidence_empty", "the evidence file is empty");
  if (bytes.size() > kMaxEvidenceBytes) return fail("evidence_too_large", "the evidence file is larger than 5 MB");
  auto type = sniff_evidence_type(bytes);
  if (!type) return fail("evidence_type", "the evidence must be a PDF, JPEG or PNG file");
  return *type;
}

}  // namespace tafel::consents
