#include "JsonFieldReader.h"

#include <cmath>
#include <cstring>

namespace mensura::annotations::jsonread {

using nlohmann::json;

void fail(const std::string& path, const std::string& message) { throw Failure{path, message}; }

namespace {
const char* typeName(const json& j) { return j.type_name(); }
}  // namespace

const json& object(const json& j, const std::string& path, std::initializer_list<const char*> allowed) {
    if (!j.is_object()) fail(path, std::string("expected an object, found ") + typeName(j));
    for (auto it = j.begin(); it != j.end(); ++it) {
        bool known = false;
        for (const char* a : allowed) known = known || it.key() == a;
        if (!known) fail(child(path, it.key()), "unknown field (not in schema version 1)");
    }
    return j;
}

std::string text(const json& o, const char* key, const std::string& path, bool required) {
    auto it = o.find(key);
    if (it == o.end()) {
        if (required) fail(child(path, key), "required field is missing");
        return {};
    }
    if (!it->is_string()) fail(child(path, key), std::string("expected a string, found ") + typeName(*it));
    return it->get<std::string>();
}

double number(const json& o, const char* key, const std::string& path) {
    auto v = optionalNumber(o, key, path);
    if (!v) fail(child(path, key), "required number is missing");
    return *v;
}

std::optional<double> optionalNumber(const json& o, const char* key, const std::string& path) {
    auto it = o.find(key);
    if (it == o.end()) return std::nullopt;
    if (!it->is_number()) fail(child(path, key), std::string("expected a number, found ") + typeName(*it));
    const double x = it->get<double>();
    if (!std::isfinite(x)) fail(child(path, key), "the number is not finite");
    return x;
}

std::optional<int> optionalInteger(const json& o, const char* key, const std::string& path) {
    auto it = o.find(key);
    if (it == o.end()) return std::nullopt;
    if (!it->is_number_integer()) fail(child(path, key), std::string("expected an integer, found ") + typeName(*it));
    return it->get<int>();
}

bool boolean(const json& o, const char* key, const std::string& path, bool fallback) {
    auto it = o.find(key);
    if (it == o.end()) return fallback;
    if (!it->is_boolean()) fail(child(path, key), std::string("expected true or false, found ") + typeName(*it));
    return it->get<bool>();
}

const json& array(const json& o, const char* key, const std::string& path) {
    static const json kEmpty = json::array();
    auto it = o.find(key);
    if (it == o.end()) return kEmpty;
    if (!it->is_array()) fail(child(path, key), std::string("expected an array, found ") + typeName(*it));
    return *it;
}

}  // namespace mensura::annotations::jsonread
