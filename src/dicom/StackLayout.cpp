#include "mensura/dicom/StackLayout.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

namespace mensura::imaging {
namespace {

std::string mm(double v) {
    std::ostringstream s;
    s.precision(4);
    s << v << " mm";
    return s.str();
}

}  // namespace

StackLayout analyseStack(const std::vector<FrameHeader>& frames, const LayoutTolerances& tol) {
    StackLayout out;
    const FrameHeader& first = frames.front();
    VolumeGeometry& g = out.geometry;
    g.size = {first.columns, first.rows, 1};
    if (first.pixelSpacing) {
        g.spacingMm = {first.pixelSpacing->first, first.pixelSpacing->second, 1.0};
    } else {
        out.spacingKnown = false;
        g.spacingMm = {1, 1, 1};
        out.warnings.push_back("no PixelSpacing (0028,0030): distances are in pixels, not mm");
    }
    if (!first.pixelSpacing.has_value() || first.pixelSpacingSource.rfind("PixelSpacing", 0) != 0) {
        if (first.pixelSpacing)
            out.warnings.push_back("in-plane spacing taken from " + first.pixelSpacingSource +
                                   " (detector plane, not corrected for magnification)");
    }

    auto notVolume = [&](std::string why) {
        out.isVolume = false;
        out.notVolumeReason = std::move(why);
        out.sliceToFrame.resize(frames.size());
        std::iota(out.sliceToFrame.begin(), out.sliceToFrame.end(), 0);
        g.size[2] = frames.size();
        if (first.positionLps) g.originLps = *first.positionLps;
        if (first.orientation) {
            g.axes[0] = normalized(first.orientation->first);
            g.axes[1] = normalized(first.orientation->second);
            g.axes[2] = normalized(cross(g.axes[0], g.axes[1]));
        }
        g.spacingMm.z = first.sliceThickness > 0 ? first.sliceThickness : 1.0;
        return out;
    };

    for (std::size_t i = 0; i < frames.size(); ++i)
        if (!frames[i].positionLps || !frames[i].orientation)
            return notVolume(frames[i].path + ": no ImagePositionPatient/ImageOrientationPatient");
    if (frames.size() == 1) return notVolume("a single image");

    const Vec3 row = normalized(first.orientation->first);
    const Vec3 col = normalized(first.orientation->second);
    if (std::fabs(dot(row, col)) > 1e-3)
        return notVolume(first.path +
                         ": ImageOrientationPatient (0020,0037) row and column "
                         "directions are not perpendicular");
    const Vec3 normal = normalized(cross(row, col));
    g.axes = {row, col, normal};
    g.originLps = *first.positionLps;

    // Sort by distance along the normal: InstanceNumber and file names do not say where a
    // slice is.
    std::vector<int> order(frames.size());
    std::iota(order.begin(), order.end(), 0);
    std::vector<double> along(frames.size());
    for (std::size_t i = 0; i < frames.size(); ++i) along[i] = dot(*frames[i].positionLps, normal);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return along[a] < along[b]; });

    std::vector<double> steps;
    for (std::size_t i = 1; i < order.size(); ++i) steps.push_back(along[order[i]] - along[order[i - 1]]);
    if (*std::max_element(steps.begin(), steps.end()) < 1e-3)
        return notVolume("all " + std::to_string(frames.size()) + " images are at one position (not a volume)");
    for (std::size_t i = 0; i < steps.size(); ++i)
        if (steps[i] < 1e-3)
            return notVolume("two images at one position: " + frames[order[i]].path + " and " +
                             frames[order[i + 1]].path);

    // The true step is the smallest one seen often; gaps are whole multiples of it.
    std::vector<double> sorted = steps;
    std::sort(sorted.begin(), sorted.end());
    const double base = sorted[sorted.size() / 4];  // a low quantile resists many gaps
    double sum = 0;
    std::size_t n = 0;
    std::vector<int> sliceToFrame{order[0]};
    double maxDeviation = 0;
    int missing = 0;
    std::vector<std::string> gapWarnings;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const double multiple = steps[i] / base;
        const double whole = std::round(multiple);
        if (whole >= 1 && std::fabs(multiple - whole) <= (whole > 1 ? tol.gapMultipleTolerance : tol.uniformRelative)) {
            // One gap wider than all the blank slices a volume may have is decided here, before
            // any slice is counted or filled: a gap of 1e30 mm must not be filled slice by slice.
            const int fillable = std::max(tol.maxFilledSlices, static_cast<int>(frames.size()) / 10);
            if (whole - 1 > fillable)
                return notVolume("slices too sparse for a volume: a gap of " + mm(steps[i]) + " between " +
                                 frames[order[i]].path + " and " + frames[order[i + 1]].path + " would need " +
                                 (whole - 1 > 1e9 ? std::string("more than 1e9") : std::to_string(long(whole) - 1)) +
                                 " blank slices");
            if (whole > 1) {
                missing += static_cast<int>(whole) - 1;
                gapWarnings.push_back("missing slice(s): gap of " + mm(steps[i]) + " (" +
                                      std::to_string(static_cast<int>(whole) - 1) + " slice(s)) between " +
                                      frames[order[i]].path + " and " + frames[order[i + 1]].path +
                                      "; filled with blank slices so distances stay true");
                for (int m = 1; m < whole; ++m) sliceToFrame.push_back(-1);
            }
            sum += steps[i];
            n += static_cast<std::size_t>(whole);
            maxDeviation = std::max(maxDeviation, std::fabs(steps[i] / whole - base));
            sliceToFrame.push_back(order[i + 1]);
        } else {
            std::ostringstream s;
            s << "non-uniform slice spacing: steps from " << mm(sorted.front()) << " to " << mm(sorted.back())
              << " (between " << frames[order[i]].path << " and " << frames[order[i + 1]].path
              << "); Mensura does not resample uneven stacks";
            return notVolume(s.str());
        }
    }
    // A few missing slices are filled; a stack that is mostly gaps is a set of separate images
    // (scout-like selections, key images), not a volume.
    const int present = static_cast<int>(frames.size());
    if (missing > std::max(tol.maxFilledSlices, present / 10))
        return notVolume("slices too sparse for a volume: " + std::to_string(missing) + " missing between " +
                         std::to_string(present) + " present (steps from " + mm(sorted.front()) + " to " +
                         mm(sorted.back()) + ")");
    out.warnings.insert(out.warnings.end(), gapWarnings.begin(), gapWarnings.end());
    const double spacing = sum / static_cast<double>(n);
    if (maxDeviation > 1e-3) {
        std::ostringstream s;
        s << "slice steps vary by up to " << mm(maxDeviation) << " around " << mm(spacing)
          << "; the mean spacing is used";
        out.warnings.push_back(s.str());
    }
    g.spacingMm.z = spacing;
    g.size[2] = sliceToFrame.size();
    out.sliceToFrame = std::move(sliceToFrame);
    g.originLps = *frames[order[0]].positionLps;

    // Gantry tilt: consecutive positions step off the normal. The in-plane part of the whole
    // stack's displacement, per slice, is the shear the loader removes.
    const Vec3 total = *frames[order.back()].positionLps - *frames[order.front()].positionLps;
    const double slices = static_cast<double>(g.size[2] - 1);
    const Vec3 inPlane = total - dot(total, normal) * normal;
    const double tilt = std::atan2(norm(inPlane), dot(total, normal)) * 180.0 / M_PI;
    if (tilt > tol.tiltMinDeg) {
        out.tiltDeg = tilt;
        out.shearStepLps = (1.0 / slices) * inPlane;
        std::ostringstream s;
        s.precision(3);
        s << "gantry tilt of " << tilt << " degrees (positions shear off the slice normal"
          << (first.gantryTiltDeg != 0 ? ", GantryDetectorTilt (0018,1120) = " + std::to_string(first.gantryTiltDeg)
                                       : std::string())
          << "): slices resampled in-plane onto an orthogonal grid";
        out.warnings.push_back(s.str());
    }
    out.isVolume = true;
    return out;
}

}  // namespace mensura::imaging
