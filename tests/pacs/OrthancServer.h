#pragma once
// A real Orthanc for one test: loopback only, free ports, a temporary storage folder, its JSON
// configuration written here, the DICOMweb plugin loaded. Stopped (process group killed) when
// the object dies, even when the test fails.
#include <string>
#include <vector>

#include "mensura/pacs/PacsNode.h"
#include "support/TempDir.h"

namespace mensura::test {

class OrthancServer {
  public:
    // movePort: Mensura's Storage SCP port, registered as DICOM modality "MENSURA".
    explicit OrthancServer(int movePort = 0);
    ~OrthancServer();

    bool running() const { return pid_ > 0; }
    const std::string& startError() const { return error_; }
    int dicomPort() const { return dicomPort_; }
    int httpPort() const { return httpPort_; }
    std::string restUrl() const;
    std::string dicomWebUrl() const;
    imaging::pacs::PacsNode node() const;  // MENSURA -> ORTHANC

    // REST helpers for test set-up.
    int upload(const std::vector<std::string>& files);  // returns how many were stored
    bool deleteStudy(const std::string& studyInstanceUid);
    void kill();  // SIGKILL now (a PACS that dies mid-transfer)

    static int freePort();
    static bool available();  // Orthanc binary and the DICOMweb plugin are installed
    static std::vector<std::string> filesUnder(const std::string& folder);

  private:
    TempDir dir_;
    int dicomPort_ = 0, httpPort_ = 0, movePort_ = 0;
    int pid_ = -1;
    std::string error_;
};

}  // namespace mensura::test
