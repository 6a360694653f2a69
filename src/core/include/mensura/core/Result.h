#pragma once
// Errors cross layers as values. An Error names the file and the tag or field at fault so the
// UI can show it and the CLI can print it; nothing deep inside throws across a layer.
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace mensura::imaging {

struct Error {
    std::string message;
};

template <class T>
class Result {
  public:
    Result(T value) : data_(std::move(value)) {}
    Result(Error error) : data_(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(data_); }
    explicit operator bool() const { return ok(); }
    T& value() { return std::get<T>(data_); }
    const T& value() const { return std::get<T>(data_); }
    T& operator*() { return value(); }
    const T& operator*() const { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    const Error& error() const { return std::get<Error>(data_); }

  private:
    std::variant<T, Error> data_;
};

}  // namespace mensura::imaging
