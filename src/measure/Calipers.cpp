#include "mensura/measure/Calipers.h"

#include <algorithm>
#include <cmath>

#include "mensura/measure/MeasureJson.h"

namespace mensura::imaging {

std::string toString(PatientAxis a) {
    switch (a) {
        case PatientAxis::AP:
            return "AP";
        case PatientAxis::LR:
            return "LR";
        case PatientAxis::SI:
            return "SI";
    }
    return "?";
}

Vec3 unitVector(PatientAxis a) {
    switch (a) {
        case PatientAxis::AP:
            return {0, 1, 0};
        case PatientAxis::LR:
            return {1, 0, 0};
        case PatientAxis::SI:
            return {0, 0, 1};
    }
    return {};
}

double lengthMm(const CaliperLine& c) { return norm(c.b - c.a); }

double angleToAxisDeg(const CaliperLine& c, PatientAxis axis) {
    const double len = lengthMm(c);
    if (len == 0) return 90;
    const double cosA = std::min(1.0, std::fabs(dot(c.b - c.a, unitVector(axis))) / len);
    return std::acos(cosA) * 180.0 / M_PI;
}

Result<TriaxialSize> triaxialSize(const TriaxialCalipers& c, double tol) {
    TriaxialSize s;
    const CaliperLine* lines[3] = {&c.ap, &c.lr, &c.si};
    const PatientAxis axes[3] = {PatientAxis::AP, PatientAxis::LR, PatientAxis::SI};
    double* lens[3] = {&s.apMm, &s.lrMm, &s.siMm};
    double* angles[3] = {&s.apAngleDeg, &s.lrAngleDeg, &s.siAngleDeg};
    for (int i = 0; i < 3; ++i) {
        const double len = lengthMm(*lines[i]);
        if (len == 0) return Error{"tri-axial size: the " + toString(axes[i]) + " caliper has zero length"};
        const double ang = angleToAxisDeg(*lines[i], axes[i]);
        if (ang > tol)
            return Error{"tri-axial size: the " + toString(axes[i]) + " caliper is " +
                         std::to_string(int(std::round(ang))) + " degrees off the " + toString(axes[i]) +
                         " axis (tolerance " + std::to_string(int(tol)) + ")"};
        *lens[i] = len, *angles[i] = ang;
    }
    s.reportCm = triaxialReportCm(s.apMm, s.lrMm, s.siMm);
    s.reportMm = triaxialReportMm(s.apMm, s.lrMm, s.siMm);
    return s;
}

Result<Bidimensional> bidimensional(const CaliperLine& l, const CaliperLine& p, double tol, double planeTol) {
    const Vec3 u = l.b - l.a, v = p.b - p.a;
    const double lu = norm(u), lv = norm(v);
    if (lu == 0 || lv == 0) return Error{"bidimensional: a caliper has zero length"};
    const double angle = std::acos(std::min(1.0, std::fabs(dot(u, v)) / (lu * lv))) * 180 / M_PI;
    if (90 - angle > tol)
        return Error{"bidimensional: the calipers are " + std::to_string(int(std::round(angle))) +
                     " degrees apart, not perpendicular (tolerance " + std::to_string(int(tol)) + ")"};
    if (lv > lu)
        return Error{"bidimensional: the perpendicular caliper is longer than the longest diameter; swap them"};
    const Vec3 n = normalized(cross(u, v));
    const double offPlane = std::max(std::fabs(dot(p.a - l.a, n)), std::fabs(dot(p.b - l.a, n)));
    if (offPlane > planeTol) return Error{"bidimensional: the calipers are not in one plane"};
    return Bidimensional{lu, lv, lu * lv, angle};
}

LymphNodeAssessment lymphNodeShortAxis(const CaliperLine& c) {
    LymphNodeAssessment a;
    a.shortAxisMm = lengthMm(c);
    a.category =
        a.shortAxisMm < 10 ? "normal" : (a.shortAxisMm < 15 ? "pathological non-target" : "pathological target");
    a.rule = "RECIST 1.1 short axis: < 10 mm normal, 10 to < 15 mm pathological non-target, >= 15 mm target";
    return a;
}

}  // namespace mensura::imaging
