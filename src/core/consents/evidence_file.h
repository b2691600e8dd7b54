#pragma once
// The uploaded evidence of a consent: a signed form as PDF, JPEG or PNG. The type is
// read from the file's first bytes (its magic number), never from a name or a
// declared type, so that nothing else is stored and later served as evidence.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "core/result.h"

namespace tafel::consents {

inline constexpr std::size_t kMaxEvidenceBytes = 5 * 1024 * 1024;

// "application/pdf", "image/jpeg" or "image/png", or nullopt for anything else.
std::optional<std::string_view> sniff_evidence_type(std::span<const std::uint8_t> bytes);

// The media type of an acceptable evidence file. Fails with "evidence_too_large"
// (more than kMaxEvidenceBytes), "evidence_empty" or "evidence_type" (not PDF, JPEG
// or PNG by its magic bytes).
Result<std::string_view> check_evidence_file(std::span<const std::uint8_t> bytes);

}  // namespace tafel::consents
