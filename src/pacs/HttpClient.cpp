#include "mensura/pacs/HttpClient.h"

#include <curl/curl.h>

#include <memory>
#include <mutex>

namespace mensura::imaging::pacs {
namespace {

void initCurl() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Transfer {
    HttpResponse response;
    const HttpClient::Sink* sink = nullptr;
    bool aborted = false;
    CURL* curl = nullptr;
};

size_t onBody(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    const size_t n = size * count;
    if (!t->sink) {
        t->response.body.append(data, n);
        return n;
    }
    if (t->response.contentType.empty()) {
        char* type = nullptr;
        curl_easy_getinfo(t->curl, CURLINFO_CONTENT_TYPE, &type);
        if (type) t->response.contentType = type;
        curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &t->response.status);
    }
    if (t->response.status >= 300) {  // an error page: keep it for the message
        t->response.body.append(data, n);
        return n;
    }
    if (!(*t->sink)(t->response, data, n)) {
        t->aborted = true;
        return 0;  // makes curl stop with CURLE_WRITE_ERROR
    }
    return n;
}

}  // namespace

HttpClient::HttpClient(int connectTimeoutSeconds, int timeoutSeconds)
    : connectTimeout_(connectTimeoutSeconds), timeout_(timeoutSeconds) {
    initCurl();
}

std::string HttpClient::escape(const std::string& text) {
    initCurl();
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    char* out = curl_easy_escape(curl.get(), text.c_str(), static_cast<int>(text.size()));
    std::string result = out ? out : "";
    curl_free(out);
    return result;
}

Result<HttpResponse> HttpClient::perform(const std::string& method, const std::string& url, const std::string* body,
                                         const std::vector<std::string>& headers, const Sink* sink) const {
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) return Error{"cannot initialise libcurl"};
    Transfer transfer;
    transfer.sink = sink;
    transfer.curl = curl.get();
    curl_slist* list = nullptr;
    for (const auto& h : headers) list = curl_slist_append(list, h.c_str());
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headerList(list, curl_slist_free_all);
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, onBody);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, static_cast<long>(connectTimeout_));
    curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(timeout_));
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    if (method == "POST") {
        curl_easy_setopt(c, CURLOPT_POST, 1L);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body->data());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size()));
    } else if (method == "DELETE") {
        curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, "DELETE");
    }
    const CURLcode code = curl_easy_perform(c);
    if (transfer.aborted) {
        transfer.response.status = -1;
        return transfer.response;  // the sink stopped it; the caller knows why
    }
    if (code != CURLE_OK) return Error{method + " " + url + " failed: " + curl_easy_strerror(code)};
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &transfer.response.status);
    char* type = nullptr;
    curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &type);
    if (type) transfer.response.contentType = type;
    return transfer.response;
}

Result<HttpResponse> HttpClient::get(const std::string& url, const std::vector<std::string>& headers) const {
    return perform("GET", url, nullptr, headers, nullptr);
}

Result<HttpResponse> HttpClient::post(const std::string& url, const std::string& body,
                                      const std::vector<std::string>& headers) const {
    return perform("POST", url, &body, headers, nullptr);
}

Result<HttpResponse> HttpClient::del(const std::string& url) const {
    return perform("DELETE", url, nullptr, {}, nullptr);
}

Result<HttpResponse> HttpClient::getStreamed(const std::string& url, const std::vector<std::string>& headers,
                                             const Sink& sink) const {
    return perform("GET", url, nullptr, headers, &sink);
}

}  // namespace mensura::imaging::pacs
