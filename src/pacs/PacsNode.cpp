#include "mensura/pacs/PacsNode.h"

#include <cstdlib>

namespace mensura::imaging::pacs {

std::string PacsNode::describe() const { return calledAet + "@" + host + ":" + std::to_string(port); }

Result<PacsNode> parsePeer(const std::string& text) {
    const auto at = text.find('@');
    const auto colon = text.rfind(':');
    if (at == std::string::npos || colon == std::string::npos || colon < at || at == 0)
        return Error{"peer '" + text + "' is not of the form AET@host:port"};
    PacsNode node;
    node.calledAet = text.substr(0, at);
    node.host = text.substr(at + 1, colon - at - 1);
    const std::string portText = text.substr(colon + 1);
    char* end = nullptr;
    const long port = std::strtol(portText.c_str(), &end, 10);
    if (portText.empty() || *end != '\0' || port <= 0 || port > 65535)
        return Error{"peer '" + text + "': port '" + portText + "' is not a number from 1 to 65535"};
    if (node.calledAet.size() > 16)
        return Error{"peer '" + text + "': AE title '" + node.calledAet + "' is longer than 16 characters"};
    if (node.host.empty()) return Error{"peer '" + text + "': host is empty"};
    node.port = static_cast<int>(port);
    node.name = node.calledAet;
    return node;
}

}  // namespace mensura::imaging::pacs
