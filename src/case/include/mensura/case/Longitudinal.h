#pragma once
// Longitudinal comparison of tracked lesions between two timepoints: the change of each
// diameter, of the RECIST sum of diameters and of volume, and the RECIST 1.1 category of the
// target lesions with the rule that decided it. Pure: reads a record, computes, returns.
#include <optional>
#include <string>
#include <vector>

#include "mensura/case/CaseRecord.h"
#include "mensura/core/Result.h"

namespace mensura::annotations {

struct ValueChange {
    Quantity quantity = Quantity::Length;
    double from = 0, to = 0;  // mm for lengths, mm3 for volumes
    std::string unit;
    double absoluteChange() const { return to - from; }
    double percentChange() const { return from != 0 ? 100.0 * (to - from) / from : 0.0; }
};

struct LesionComparison {
    std::string trackingId, trackingUid;
    bool nodal = false;
    bool target = false;
    std::string targetReason;  // why it is (not) a target lesion
    bool observedFrom = false, observedTo = false;
    bool isNew = false;                         // seen at the later timepoint, never before
    std::vector<ValueChange> diameters;         // every diameter measured at both timepoints
    std::optional<ValueChange> recistDiameter;  // longest axial (short axis for nodes)
    std::optional<ValueChange> volume;
};

enum class RecistCategory { CR, PR, SD, PD, NE };
const char* toString(RecistCategory c);

struct ResponseAssessment {
    std::string fromTimepoint, toTimepoint, nadirTimepoint;
    std::vector<LesionComparison> lesions;
    double baselineSumMm = 0, nadirSumMm = 0, currentSumMm = 0;
    std::optional<ValueChange> totalVolume;  // lesions with a volume at both timepoints
    RecistCategory category = RecistCategory::NE;
    std::string rule;  // the rule applied, with the numbers
    std::vector<std::string> notes;

    double percentFromBaseline() const {
        return baselineSumMm > 0 ? 100.0 * (currentSumMm - baselineSumMm) / baselineSumMm : 0.0;
    }
    double percentFromNadir() const { return nadirSumMm > 0 ? 100.0 * (currentSumMm - nadirSumMm) / nadirSumMm : 0.0; }
};

// fromUid is the reference (baseline) timepoint; toUid a later one in the record's order. The
// nadir is the smallest sum at the timepoints from the reference up to, not including, toUid.
imaging::Result<ResponseAssessment> compareTimepoints(const CaseRecord& record, const std::string& fromUid,
                                                      const std::string& toUid);

// The value in mm (lengths) or mm3 (volumes), from a Measurement in mm, cm, mm3, mL or cm3;
// nullopt for pixels or an unknown unit (never silently mm).
std::optional<double> lengthInMm(const Measurement& m);
std::optional<double> volumeInMm3(const Measurement& m);

}  // namespace mensura::annotations
