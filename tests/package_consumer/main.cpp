// Built by tests/check_cmake_package.sh against an installed Mensura: a caliper of (0,0,0)-(3,4,0).
#include <cstdio>
#include "mensura/annotations/Annotation.h"
#include "mensura/core/Version.h"
#include "mensura/dicom/DicomIndex.h"
int main() {
    mensura::annotations::Annotation a;
    a.kind = mensura::annotations::AnnotationKind::Line;
    a.pointsLps = {{0, 0, 0}, {3, 4, 0}};
    const auto m = mensura::annotations::geometricMeasurements(a);
    std::printf("Mensura %s: caliper %.1f %s\n", mensura::kVersion, m.at(0).measurement.value,
                m.at(0).measurement.unit.c_str());
    return m.at(0).measurement.value == 5.0 ? 0 : 1;
}
