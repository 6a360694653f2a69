#pragma once
// Streaming reader for multipart/related bodies (WADO-RS): parts are handed out as their bytes
// arrive, so a 400-slice study never sits in memory whole.
#include <functional>
#include <string>

namespace mensura::imaging::pacs {

class MultipartReader {
  public:
    struct Handlers {
        std::function<bool(const std::string& headers)> partBegin;
        std::function<bool(const char* data, std::size_t size)> partData;
        std::function<bool()> partEnd;
    };
    MultipartReader(std::string boundary, Handlers handlers);

    // Returns false when a handler asked to stop.
    bool feed(const char* data, std::size_t size);
    bool finished() const { return state_ == State::Done; }
    bool insidePart() const { return state_ == State::Body; }

    // The boundary parameter of a Content-Type header; empty when there is none.
    static std::string boundaryOf(const std::string& contentType);

  private:
    enum class State { Preamble, Headers, Body, AfterDelimiter, Done };
    bool step();
    std::string delimiter_;
    Handlers handlers_;
    std::string buffer_;
    State state_ = State::Preamble;
};

}  // namespace mensura::imaging::pacs
