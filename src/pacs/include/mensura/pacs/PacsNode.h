#pragma once
// One configured archive: how Mensura reaches it over DIMSE and/or DICOMweb.
#include <string>

#include "mensura/core/Result.h"

namespace mensura::imaging::pacs {

struct PacsNode {
    std::string name;       // label shown to the user
    std::string calledAet;  // the PACS's AE title
    std::string host = "127.0.0.1";
    int port = 104;
    std::string callingAet = "MENSURA";  // Mensura's own AE title
    int movePort = 0;                    // Mensura's Storage SCP port for C-MOVE (0: C-MOVE unavailable)
    int connectTimeoutSeconds = 10;
    int dimseTimeoutSeconds = 30;  // per message; a silent peer fails after this
    std::string dicomwebUrl;       // e.g. http://127.0.0.1:8042/dicom-web (empty: no DICOMweb)

    // "ORTHANC@127.0.0.1:4242", for messages.
    std::string describe() const;
};

// Parses "AET@host:port" into calledAet/host/port of a node.
Result<PacsNode> parsePeer(const std::string& text);

}  // namespace mensura::imaging::pacs
