#pragma once
// Opening an association to a configured node, and turning DCMTK conditions into messages a
// radiologist's IT department can act on (refused, unknown AE title, timeout).
#include <memory>
#include <string>
#include <vector>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmnet/scu.h>

#include "StoragePresentation.h"
#include "mensura/core/Result.h"
#include "mensura/pacs/PacsNode.h"

namespace mensura::imaging::pacs {

struct ProposedContext {
    std::string abstractSyntax;
    std::vector<std::string> transferSyntaxes;
    T_ASC_SC_ROLE role = ASC_SC_ROLE_DEFAULT;
};

// The query/retrieve contexts with the uncompressed syntaxes.
ProposedContext queryContext(const char* sopClassUid);

// Configures scu for node (AE titles, host, port, timeouts, PDU size), proposes contexts and
// negotiates. On failure the Error says what the peer did and what to check.
Result<bool> openAssociation(DcmSCU& scu, const PacsNode& node, const std::vector<ProposedContext>& contexts);

// A message for a condition met while talking to node during what ("C-FIND", "C-GET", ...).
std::string describeCondition(const OFCondition& cond, const PacsNode& node, const std::string& what);

// Status text for a DIMSE response status code (0xA801: move destination unknown, ...).
std::string describeStatus(unsigned status);

// DCMTK's network layer is set up once per process (SIGPIPE ignored, logging quiet).
void initDcmtkNetwork();

}  // namespace mensura::imaging::pacs
