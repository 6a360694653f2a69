#include "mensura/case/CaseRecord.h"

#include "mensura/annotations/EnumNames.h"

namespace mensura::annotations {

namespace {
constexpr LinkState kStates[] = {LinkState::Reported, LinkState::Linked, LinkState::Stale, LinkState::Orphaned};
constexpr LesionRole kRoles[] = {LesionRole::Primary, LesionRole::Recurrence, LesionRole::LymphNode,
                                 LesionRole::Metastasis};
constexpr TimepointRole kTpRoles[] = {TimepointRole::Baseline, TimepointRole::FollowUp, TimepointRole::Recurrence,
                                      TimepointRole::Postoperative};
}  // namespace

const char* toString(LinkState s) {
    switch (s) {
        case LinkState::Reported:
            return "reported";
        case LinkState::Linked:
            return "linked";
        case LinkState::Stale:
            return "stale";
        case LinkState::Orphaned:
            return "orphaned";
    }
    return "?";
}
std::optional<LinkState> linkStateFromString(const std::string& s) { return enumFromName(s, kStates); }

const char* toString(LesionRole r) {
    switch (r) {
        case LesionRole::Primary:
            return "primary";
        case LesionRole::Recurrence:
            return "recurrence";
        case LesionRole::LymphNode:
            return "lymphNode";
        case LesionRole::Metastasis:
            return "metastasis";
    }
    return "?";
}
std::optional<LesionRole> lesionRoleFromString(const std::string& s) { return enumFromName(s, kRoles); }

const char* toString(TimepointRole r) {
    switch (r) {
        case TimepointRole::Baseline:
            return "baseline";
        case TimepointRole::FollowUp:
            return "followUp";
        case TimepointRole::Recurrence:
            return "recurrence";
        case TimepointRole::Postoperative:
            return "postoperative";
    }
    return "?";
}
std::optional<TimepointRole> timepointRoleFromString(const std::string& s) { return enumFromName(s, kTpRoles); }

const Lesion* CaseRecord::findLesion(const std::string& trackingUid) const {
    for (const auto& l : lesions)
        if (l.trackingUid == trackingUid) return &l;
    return nullptr;
}

const Timepoint* CaseRecord::findTimepoint(const std::string& uid) const {
    for (const auto& t : imaging)
        if (t.uid == uid) return &t;
    return nullptr;
}

}  // namespace mensura::annotations
