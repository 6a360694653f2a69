#include "mensura/case/Longitudinal.h"

#include <algorithm>
#include <cstdio>
#include <map>

namespace mensura::annotations {

using imaging::Error;

namespace {

std::string fmt(double v, const char* f = "%.1f") {
    char b[64];
    std::snprintf(b, sizeof b, f, v);
    return b;
}

const LesionObservation* observationOf(const Timepoint& tp, const std::string& lesionUid) {
    for (const auto& o : tp.observations)
        if (o.lesionTrackingUid == lesionUid) return &o;
    return nullptr;
}

std::optional<double> valueOf(const LesionObservation& o, Quantity q) {
    for (const auto& v : o.values)
        if (v.quantity == q) return lengthInMm(v.value);
    return std::nullopt;
}

// RECIST 1.1: the longest diameter in the axial plane (AP or LR of a tri-axial measurement),
// the short axis for a lymph node; 0 for a lesion assessed and not seen.
std::optional<double> recistDiameter(const LesionObservation& o, bool nodal) {
    if (o.notSeen) return 0.0;
    if (nodal) return valueOf(o, Quantity::ShortAxis);
    if (auto v = valueOf(o, Quantity::LongAxis)) return v;
    auto ap = valueOf(o, Quantity::ApDiameter), lr = valueOf(o, Quantity::LrDiameter);
    if (ap || lr) return std::max(ap.value_or(0), lr.value_or(0));
    return valueOf(o, Quantity::Length);
}

std::optional<double> volumeOf(const LesionObservation& o) {
    if (o.notSeen) return 0.0;
    for (const auto& v : o.values)
        if (v.quantity == Quantity::Volume) return volumeInMm3(v.value);
    return std::nullopt;
}

std::string organOf(const Lesion& l) {
    return !l.bodySite.empty() ? l.bodySite.scheme + ":" + l.bodySite.value : l.bodySiteText;
}

}  // namespace

const char* toString(RecistCategory c) {
    switch (c) {
        case RecistCategory::CR:
            return "CR";
        case RecistCategory::PR:
            return "PR";
        case RecistCategory::SD:
            return "SD";
        case RecistCategory::PD:
            return "PD";
        case RecistCategory::NE:
            return "NE";
    }
    return "?";
}

std::optional<double> lengthInMm(const Measurement& m) {
    if (m.unit == "mm") return m.value;
    if (m.unit == "cm") return m.value * 10.0;
    return std::nullopt;
}

std::optional<double> volumeInMm3(const Measurement& m) {
    if (m.unit == "mm3") return m.value;
    if (m.unit == "mL" || m.unit == "cm3") return m.value * 1000.0;
    return std::nullopt;
}

imaging::Result<ResponseAssessment> compareTimepoints(const CaseRecord& record, const std::string& fromUid,
                                                      const std::string& toUid) {
    auto indexOf = [&](const std::string& uid) {
        for (std::size_t i = 0; i < record.imaging.size(); ++i)
            if (record.imaging[i].uid == uid) return i;
        return record.imaging.size();
    };
    const std::size_t iFrom = indexOf(fromUid), iTo = indexOf(toUid);
    if (iFrom == record.imaging.size()) return Error{"record: no timepoint " + fromUid};
    if (iTo == record.imaging.size()) return Error{"record: no timepoint " + toUid};
    if (iFrom >= iTo) return Error{"record: timepoint " + toUid + " is not later than " + fromUid};
    const Timepoint& from = record.imaging[iFrom];
    const Timepoint& to = record.imaging[iTo];

    ResponseAssessment r;
    r.fromTimepoint = fromUid;
    r.toTimepoint = toUid;

    // Per lesion: changes, and target eligibility at the reference timepoint.
    std::vector<std::pair<double, std::size_t>> candidates;  // (diameter, index in r.lesions)
    for (const Lesion& lesion : record.lesions) {
        LesionComparison c;
        c.trackingId = lesion.trackingId;
        c.trackingUid = lesion.trackingUid;
        c.nodal = lesion.nodal;
        const LesionObservation* a = observationOf(from, lesion.trackingUid);
        const LesionObservation* b = observationOf(to, lesion.trackingUid);
        c.observedFrom = a != nullptr;
        c.observedTo = b != nullptr;
        bool seenBefore = false;
        for (std::size_t i = 0; i <= iFrom; ++i) {
            const LesionObservation* o = observationOf(record.imaging[i], lesion.trackingUid);
            seenBefore = seenBefore || (o && !o->notSeen);
        }
        c.isNew = b && !b->notSeen && !seenBefore;
        if (a && b) {
            for (Quantity q : {Quantity::ApDiameter, Quantity::LrDiameter, Quantity::SiDiameter, Quantity::LongAxis,
                               Quantity::ShortAxis, Quantity::Length}) {
                auto va = valueOf(*a, q), vb = valueOf(*b, q);
                if (!va && a->notSeen) va = 0.0;
                if (!vb && b->notSeen) vb = 0.0;
                if (va && vb && (valueOf(*a, q) || valueOf(*b, q))) c.diameters.push_back({q, *va, *vb, "mm"});
            }
            auto da = recistDiameter(*a, lesion.nodal), db = recistDiameter(*b, lesion.nodal);
            if (da && db)
                c.recistDiameter = ValueChange{lesion.nodal ? Quantity::ShortAxis : Quantity::LongAxis, *da, *db, "mm"};
            auto wa = volumeOf(*a), wb = volumeOf(*b);
            if (wa && wb) c.volume = ValueChange{Quantity::Volume, *wa, *wb, "mm3"};
        }
        const std::optional<double> d = a ? recistDiameter(*a, lesion.nodal) : std::optional<double>();
        const double referenceDiameter = d.value_or(0.0);
        if (lesion.target.has_value()) {
            c.target = *lesion.target && a;
            c.targetReason = *lesion.target ? "chosen as target" : "chosen as non-target";
        } else if (!a || !d) {
            c.targetReason = "not measured at the reference timepoint";
        } else if (lesion.nodal) {
            c.target = *d >= 15.0;
            c.targetReason = "lymph node short axis " + fmt(*d) + " mm " +
                             (c.target     ? ">= 15 mm: measurable"
                              : *d >= 10.0 ? "10-15 mm: pathological, non-target"
                                           : "< 10 mm: not pathological");
        } else {
            c.target = *d >= 10.0;
            c.targetReason = "longest diameter " + fmt(*d) + " mm " +
                             (c.target ? ">= 10 mm: measurable" : "< 10 mm: non-measurable");
        }
        if (c.target && !lesion.target.has_value()) candidates.emplace_back(referenceDiameter, r.lesions.size());
        r.lesions.push_back(std::move(c));
    }
    // At most 5 targets, 2 per organ, the largest first (RECIST 1.1 section 4.1).
    std::sort(candidates.begin(), candidates.end(), [](auto& x, auto& y) { return x.first > y.first; });
    std::map<std::string, int> perOrgan;
    int chosen = 0;
    for (std::size_t i = 0; i < r.lesions.size(); ++i)
        if (r.lesions[i].target && record.lesions[i].target.value_or(false)) ++chosen;
    for (const auto& [d, i] : candidates) {
        const std::string organ = organOf(record.lesions[i]);
        if (chosen >= 5 || perOrgan[organ] >= 2) {
            r.lesions[i].target = false;
            r.lesions[i].targetReason += "; not chosen (5 targets, 2 per organ)";
            continue;
        }
        ++perOrgan[organ];
        ++chosen;
    }

    // Sums at the reference, the nadir and the later timepoint.
    auto sumAt = [&](const Timepoint& tp) -> std::optional<double> {
        double sum = 0;
        for (std::size_t i = 0; i < r.lesions.size(); ++i) {
            if (!r.lesions[i].target) continue;
            const LesionObservation* o = observationOf(tp, r.lesions[i].trackingUid);
            auto d = o ? recistDiameter(*o, r.lesions[i].nodal) : std::nullopt;
            if (!d) return std::nullopt;
            sum += *d;
        }
        return sum;
    };
    const bool anyTarget = std::any_of(r.lesions.begin(), r.lesions.end(), [](auto& l) { return l.target; });
    std::vector<std::string> newLesions;
    for (const auto& l : r.lesions)
        if (l.isNew) newLesions.push_back(l.trackingId);

    r.baselineSumMm = sumAt(from).value_or(0);
    r.nadirSumMm = r.baselineSumMm;
    r.nadirTimepoint = fromUid;
    for (std::size_t i = iFrom + 1; i < iTo; ++i)
        if (auto s = sumAt(record.imaging[i]); s && *s < r.nadirSumMm) {
            r.nadirSumMm = *s;
            r.nadirTimepoint = record.imaging[i].uid;
        }
    const auto current = sumAt(to);
    r.currentSumMm = current.value_or(0);

    double va = 0, vb = 0;
    bool anyVolume = false;
    for (const auto& l : r.lesions)
        if (l.volume) {
            va += l.volume->from;
            vb += l.volume->to;
            anyVolume = true;
        }
    if (anyVolume) r.totalVolume = ValueChange{Quantity::Volume, va, vb, "mm3"};

    const std::string sums = "sum of diameters " + fmt(r.baselineSumMm) + " mm at reference, " + fmt(r.nadirSumMm) +
                             " mm at nadir, " + fmt(r.currentSumMm) + " mm now";
    if (!newLesions.empty()) {
        r.category = RecistCategory::PD;
        std::string ids;
        for (const auto& id : newLesions) ids += (ids.empty() ? "" : ", ") + id;
        r.rule = "RECIST 1.1 PD: new lesion(s) " + ids;
        return r;
    }
    if (!anyTarget) {
        r.category = RecistCategory::NE;
        r.rule = "RECIST 1.1 NE: no measurable target lesion at the reference timepoint";
        return r;
    }
    if (!current) {
        r.category = RecistCategory::NE;
        r.rule = "RECIST 1.1 NE: a target lesion is not measured at the later timepoint";
        return r;
    }
    const double fromNadir = r.percentFromNadir(), absNadir = r.currentSumMm - r.nadirSumMm;
    const double fromBase = r.percentFromBaseline();
    bool complete = true;
    for (const auto& l : r.lesions)
        if (l.target) complete = complete && l.recistDiameter && l.recistDiameter->to < (l.nodal ? 10.0 : 1e-9);
    if (fromNadir >= 20.0 && absNadir >= 5.0) {
        r.category = RecistCategory::PD;
        r.rule = "RECIST 1.1 PD: sum increased " + fmt(fromNadir) + "% and " + fmt(absNadir) +
                 " mm from the nadir (>= 20% and >= 5 mm); " + sums;
    } else if (complete) {
        r.category = RecistCategory::CR;
        r.rule = "RECIST 1.1 CR: every target lesion gone (nodes < 10 mm short axis); " + sums;
    } else if (fromBase <= -30.0) {
        r.category = RecistCategory::PR;
        r.rule = "RECIST 1.1 PR: sum decreased " + fmt(-fromBase) + "% from the reference (>= 30%); " + sums;
    } else {
        r.category = RecistCategory::SD;
        r.rule = "RECIST 1.1 SD: " + fmt(fromBase, "%+.1f") + "% from the reference (PR needs <= -30%), " +
                 fmt(fromNadir, "%+.1f") + "% / " + fmt(absNadir, "%+.1f") +
                 " mm from the nadir (PD needs >= 20% and >= 5 mm); " + sums;
    }
    r.notes.push_back("target lesions only: non-target lesions are listed but not assessed");
    return r;
}

}  // namespace mensura::annotations
