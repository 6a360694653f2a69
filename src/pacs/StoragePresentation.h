#pragma once
// Which storage SOP classes and transfer syntaxes Mensura takes when a PACS sends it objects
// (C-STORE sub-operations of C-GET, and Mensura's Storage SCP for C-MOVE).
#include <string>
#include <vector>

namespace mensura::imaging::pacs {

struct StorageContext {
    std::string sopClassUid;
    std::vector<std::string> transferSyntaxes;  // in order of preference
};

// Transfer syntaxes Mensura's loader decodes, compressed (kept as the archive stores them)
// first, so the archive does not have to transcode.
const std::vector<std::string>& acceptedTransferSyntaxes();

// For an association Mensura requests (C-GET): image classes get one context per transfer
// syntax, so the archive can pick the one its file is in; other classes get one context with
// the uncompressed syntaxes. Stays under the 128 contexts an association may carry.
std::vector<StorageContext> storageContextsForRetrieve();

// For Mensura's own Storage SCP: every class with every accepted syntax.
std::vector<StorageContext> storageContextsForScp();

}  // namespace mensura::imaging::pacs
