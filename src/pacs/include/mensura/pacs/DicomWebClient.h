#pragma once
// DICOMweb against one archive: QIDO-RS search, WADO-RS retrieval, STOW-RS store.
#include <string>
#include <vector>

#include "mensura/core/Result.h"
#include "mensura/pacs/DimseClient.h"  // StoreReport
#include "mensura/pacs/HttpClient.h"
#include "mensura/pacs/PacsQuery.h"
#include "mensura/pacs/RetrieveReport.h"

namespace mensura::imaging::pacs {

class DicomWebClient {
  public:
    // baseUrl: the DICOMweb root, e.g. http://127.0.0.1:8042/dicom-web
    explicit DicomWebClient(std::string baseUrl, int connectTimeoutSeconds = 10);
    const std::string& baseUrl() const { return base_; }

    // Checks that the service answers a QIDO-RS request.
    Result<double> ping() const;
    Result<std::vector<StudyRecord>> searchStudies(const StudyQuery& query) const;
    Result<std::vector<SeriesRecord>> searchSeries(const std::string& studyInstanceUid) const;
    Result<std::vector<InstanceRecord>> searchInstances(const std::string& studyInstanceUid,
                                                        const std::string& seriesInstanceUid = {}) const;
    // Instances come in the transfer syntax the archive holds (transfer-syntax=*).
    Result<RetrieveReport> retrieve(const RetrieveRequest& request, const RetrieveOptions& options = {}) const;
    Result<StoreReport> store(const std::vector<std::string>& files) const;

  private:
    Result<nlohmann::json> qido(const std::string& pathAndQuery) const;
    std::string base_;
    HttpClient http_;
};

}  // namespace mensura::imaging::pacs
