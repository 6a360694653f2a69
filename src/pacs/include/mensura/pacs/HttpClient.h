#pragma once
// A small blocking HTTP client over libcurl (Debian libcurl4-openssl-dev), used by the
// DICOMweb client. No Qt: the command line and the viewer use the same code.
#include <functional>
#include <string>
#include <vector>

#include "mensura/core/Result.h"

namespace mensura::imaging::pacs {

struct HttpResponse {
    long status = 0;
    std::string contentType;
    std::string body;  // empty when the body went to a sink
};

class HttpClient {
  public:
    explicit HttpClient(int connectTimeoutSeconds = 10, int timeoutSeconds = 0);

    Result<HttpResponse> get(const std::string& url, const std::vector<std::string>& headers = {}) const;
    Result<HttpResponse> post(const std::string& url, const std::string& body,
                              const std::vector<std::string>& headers = {}) const;
    Result<HttpResponse> del(const std::string& url) const;
    // GET with the body handed to sink as it arrives (sink returns false to abort). The
    // Content-Type is known before the first call to sink.
    using Sink = std::function<bool(const HttpResponse& head, const char* data, std::size_t size)>;
    Result<HttpResponse> getStreamed(const std::string& url, const std::vector<std::string>& headers,
                                     const Sink& sink) const;

    static std::string escape(const std::string& text);

  private:
    Result<HttpResponse> perform(const std::string& method, const std::string& url, const std::string* body,
                                 const std::vector<std::string>& headers, const Sink* sink) const;
    int connectTimeout_, timeout_;
};

}  // namespace mensura::imaging::pacs
