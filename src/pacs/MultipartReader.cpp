#include "mensura/pacs/MultipartReader.h"

#include <cctype>

namespace mensura::imaging::pacs {

MultipartReader::MultipartReader(std::string boundary, Handlers handlers)
    : delimiter_("\r\n--" + boundary), handlers_(std::move(handlers)), buffer_("\r\n") {}

std::string MultipartReader::boundaryOf(const std::string& contentType) {
    std::string lower = contentType;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto at = lower.find("boundary=");
    if (at == std::string::npos) return {};
    std::string value = contentType.substr(at + 9);
    if (!value.empty() && value[0] == '"') {
        const auto end = value.find('"', 1);
        return value.substr(1, end == std::string::npos ? std::string::npos : end - 1);
    }
    const auto end = value.find_first_of("; \t");
    return value.substr(0, end);
}

bool MultipartReader::feed(const char* data, std::size_t size) {
    buffer_.append(data, size);
    for (;;) {
        const State before = state_;
        const std::size_t length = buffer_.size();
        if (!step()) return false;
        if (state_ == before && buffer_.size() == length) return true;  // needs more bytes
    }
}

bool MultipartReader::step() {
    switch (state_) {
        case State::Preamble: {
            const auto at = buffer_.find(delimiter_);
            if (at == std::string::npos) {
                if (buffer_.size() > delimiter_.size()) buffer_.erase(0, buffer_.size() - delimiter_.size());
                return true;
            }
            buffer_.erase(0, at + delimiter_.size());
            state_ = State::AfterDelimiter;
            return true;
        }
        case State::AfterDelimiter: {
            if (buffer_.size() < 2) return true;
            if (buffer_.compare(0, 2, "--") == 0) {
                state_ = State::Done;
                buffer_.clear();
                return true;
            }
            const auto eol = buffer_.find("\r\n");
            if (eol == std::string::npos) return true;  // transport padding, wait for the line end
            buffer_.erase(0, eol + 2);
            state_ = State::Headers;
            return true;
        }
        case State::Headers: {
            std::size_t end;
            std::string headers;
            if (buffer_.compare(0, 2, "\r\n") == 0 && buffer_.size() >= 2) {
                end = 2;  // no headers at all
            } else {
                const auto at = buffer_.find("\r\n\r\n");
                if (at == std::string::npos) return true;
                headers = buffer_.substr(0, at);
                end = at + 4;
            }
            buffer_.erase(0, end);
            state_ = State::Body;
            return !handlers_.partBegin || handlers_.partBegin(headers);
        }
        case State::Body: {
            const auto at = buffer_.find(delimiter_);
            if (at == std::string::npos) {
                // Hand out all but a tail that might be the start of the delimiter.
                if (buffer_.size() > delimiter_.size()) {
                    const std::size_t n = buffer_.size() - delimiter_.size();
                    if (handlers_.partData && !handlers_.partData(buffer_.data(), n)) return false;
                    buffer_.erase(0, n);
                }
                return true;
            }
            if (at > 0 && handlers_.partData && !handlers_.partData(buffer_.data(), at)) return false;
            buffer_.erase(0, at + delimiter_.size());
            state_ = State::AfterDelimiter;
            return !handlers_.partEnd || handlers_.partEnd();
        }
        case State::Done:
            buffer_.clear();
            return true;
    }
    return true;
}

}  // namespace mensura::imaging::pacs
