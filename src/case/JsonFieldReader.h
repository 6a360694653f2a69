#pragma once
// Strict reading of JSON objects with the path of the field at fault in every message. Used by
// the case.json reader only; failures are thrown inside the reader and become an Error at its
// boundary (nothing escapes the reader as an exception).
#include <initializer_list>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace mensura::annotations::jsonread {

struct Failure {
    std::string path;  // JSON pointer, e.g. /record/imaging/0/date
    std::string message;
};

[[noreturn]] void fail(const std::string& path, const std::string& message);

// Checks j is an object whose keys are all in allowed.
const nlohmann::json& object(const nlohmann::json& j, const std::string& path,
                             std::initializer_list<const char*> allowed);

std::string text(const nlohmann::json& o, const char* key, const std::string& path, bool required = false);
double number(const nlohmann::json& o, const char* key, const std::string& path);
std::optional<double> optionalNumber(const nlohmann::json& o, const char* key, const std::string& path);
std::optional<int> optionalInteger(const nlohmann::json& o, const char* key, const std::string& path);
bool boolean(const nlohmann::json& o, const char* key, const std::string& path, bool fallback);

// The array at key (an empty one when absent); fails when it is not an array.
const nlohmann::json& array(const nlohmann::json& o, const char* key, const std::string& path);

inline std::string child(const std::string& path, const std::string& key) { return path + "/" + key; }
inline std::string child(const std::string& path, std::size_t index) { return path + "/" + std::to_string(index); }

}  // namespace mensura::annotations::jsonread
