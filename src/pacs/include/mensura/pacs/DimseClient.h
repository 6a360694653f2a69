#pragma once
// DIMSE services Mensura uses as an SCU against one archive: C-ECHO, C-FIND (study, series,
// image level), C-STORE, and retrieval with C-GET or C-MOVE (DimseRetriever.cpp).
#include <string>
#include <vector>

#include "mensura/core/Result.h"
#include "mensura/pacs/PacsNode.h"
#include "mensura/pacs/PacsQuery.h"
#include "mensura/pacs/RetrieveReport.h"

namespace mensura::imaging::pacs {

struct StoreOutcome {
    std::string file, sopInstanceUid;
    bool ok = false;
    std::string message;  // the archive's status, or why the file was not sent
};

struct StoreReport {
    std::string peer;
    std::vector<StoreOutcome> outcomes;
    std::size_t failures() const;
    nlohmann::json toJson() const;
};

enum class RetrieveMethod { CGet, CMove };

class DimseClient {
  public:
    explicit DimseClient(PacsNode node) : node_(std::move(node)) {}
    const PacsNode& node() const { return node_; }

    // Round trip in seconds.
    Result<double> echo() const;
    Result<std::vector<StudyRecord>> findStudies(const StudyQuery& query) const;
    Result<std::vector<SeriesRecord>> findSeries(const std::string& studyInstanceUid) const;
    Result<std::vector<InstanceRecord>> findInstances(const std::string& studyInstanceUid,
                                                      const std::string& seriesInstanceUid = {}) const;
    // One association for all files; a file the archive refuses does not stop the others.
    Result<StoreReport> store(const std::vector<std::string>& files) const;

    // Lists the instances first (C-FIND), then retrieves; the report says what did not arrive.
    // An Error only when nothing could be retrieved (archive down, study not found, refused).
    Result<RetrieveReport> retrieve(const RetrieveRequest& request, RetrieveMethod method,
                                    const RetrieveOptions& options = {}) const;

  private:
    PacsNode node_;
};

}  // namespace mensura::imaging::pacs
