#include "platform/http/static_files.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "platform/core/encoding.hpp"
#include "platform/crypto/primitives.hpp"

namespace platform::http {
namespace fs = std::filesystem;
namespace {

bool safe_relative_path(std::string_view path) {
  if (path.empty() || path.front() != '/') return false;
  if (path.find('\0') != std::string_view::npos || path.find('\\') != std::string_view::npos) return false;
  std::size_t i = 1;
  while (i <= path.size()) {
    auto end = path.find('/', i);
    if (end == std::string_view::npos) end = path.size();
    auto seg = path.substr(i, end - i);
    if (seg == ".." || seg == ".") return false;
    if (!seg.empty() && seg.front() == '.') return false;  // hidden files (.env, .git) are never served
    i = end + 1;
  }
  return true;
}

std::optional<std::string> read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool accepts(std::string_view accept_encoding, std::string_view coding) {
  // Tokens separated by commas; "br;q=0" is a refusal.
  std::size_t i = 0;
  while (i < accept_encoding.size()) {
    auto end = accept_encoding.find(',', i);
    if (end == std::string_view::npos) end = accept_encoding.size();
    auto token = accept_encoding.substr(i, end - i);
    while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
    auto semi = token.find(';');
    auto name = token.substr(0, semi);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (name == coding) {
      auto q = token.find("q=", semi == std::string_view::npos ? token.size() : semi);
      return q == std::string_view::npos || std::strtod(std::string(token.substr(q + 2)).c_str(), nullptr) > 0;
    }
    i = end + 1;
  }
  return false;
}

}  // namespace

StaticFiles::StaticFiles(std::string root) {
  std::error_code ec;
  auto canonical = fs::canonical(root, ec);
  root_ = ec ? root : canonical.string();
}

std::string StaticFiles::mime_type(std::string_view ext) {
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".webp") return "image/webp";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".wasm") return "application/wasm";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  if (ext == ".webmanifest") return "application/manifest+json";
  return "application/octet-stream";
}

std::optional<Response> StaticFiles::serve(const Request& req) const {
  if (!safe_relative_path(req.path)) return std::nullopt;
  fs::path target = fs::path(root_) / req.path.substr(1);
  std::error_code ec;
  if (fs::is_directory(target, ec)) target /= "index.html";
  auto canonical = fs::canonical(target, ec);
  if (ec) return std::nullopt;
  // A symlink may point outside the root; the canonical path must stay under it.
  auto rel = canonical.lexically_relative(root_);
  if (rel.empty() || *rel.begin() == ".." || !fs::is_regular_file(canonical, ec)) return std::nullopt;

  auto body = read_file(canonical);
  if (!body) return std::nullopt;
  std::string etag = "\"" + hex_encode(crypto::sha256(*body).substr(0, 12)) + "\"";

  Response r;
  r.status = 200;
  r.content_type = mime_type(canonical.extension().string());
  r.with_header("ETag", etag).with_header("Vary", "Accept-Encoding");
  r.with_header("Cache-Control", canonical.filename() == "index.html" ? "no-cache" : "public, max-age=300");
  auto inm = req.header("if-none-match");
  if (!inm.empty() && (inm == etag || inm == "*" || inm.find(etag) != std::string_view::npos)) {
    r.status = 304;
    r.content_type.clear();
    return r;
  }
  auto accept_encoding = req.header("accept-encoding");
  for (auto [coding, suffix] : {std::pair{"br", ".br"}, std::pair{"gzip", ".gz"}}) {
    if (!accepts(accept_encoding, coding)) continue;
    auto variant = read_file(canonical.string() + suffix);
    if (!variant) continue;
    r.body = std::move(*variant);
    r.with_header("Content-Encoding", coding);
    return r;
  }
  r.body = std::move(*body);
  return r;
}

}  // namespace platform::http
