// Every image series in ../shared/dicom either loads with the geometry dcm2niix gives it (within
// 0.01 mm and 0.001 in direction cosines, same voxel values) or fails with a documented reason.
#include <gtest/gtest.h>
#include <ostream>

#include <cmath>
#include <filesystem>
#include <map>

#include "mensura/dicom/DicomHeaderReader.h"
#include "mensura/dicom/DicomIndex.h"
#include "mensura/dicom/VolumeLoader.h"
#include "support/NiftiFile.h"
#include "support/TempDir.h"

namespace fs = std::filesystem;
using namespace mensura::imaging;
using mensura::test::NiftiFile;
using mensura::test::TempDir;

namespace {

const std::string kShared = MENSURA_SHARED_DICOM;

struct Expectation {
    const char* folder;  // relative to shared/dicom
    // A substring of the load error each stack must fail with, or nullptr: must load and match.
    const char* expectedError;
    // A substring of a warning Mensura must give, or nullptr.
    const char* expectedWarning;
    // A reference NIfTI (.nii.gz, relative to shared/dicom) where dcm2niix cannot read the files
    // (Debian's dcm2niix has no JPEG-LS decoder), or nullptr to run dcm2niix.
    const char* reference = nullptr;
    // Run dcm2niix on this folder instead (the uncompressed copy of the same images), where
    // dcm2niix cannot decode the files (multi-fragment JPEG frames).
    const char* dcm2niixFolder = nullptr;
};
// Parameters print as their names, so the test list is the same on every run.
void PrintTo(const Expectation& p, std::ostream* os) { *os << p.folder; }

// Series folders and what Mensura must do with them; docs/testing.md lists the same.
const Expectation kSeries[] = {
    {"ct_philips_ingenuity_head_phantom", nullptr, nullptr},
    {"edge_dicom2nifti_fixtures/ge/anatomical", nullptr, nullptr},
    {"edge_dicom2nifti_fixtures/siemens/anatomical", nullptr, nullptr},
    {"edge_dicom2nifti_fixtures/philips/anatomical", nullptr, nullptr},
    {"edge_dicom2nifti_fixtures/hitachi/anatomical", nullptr, nullptr},
    {"edge_dicom2nifti_fixtures/hyperfine/anatomical", nullptr, nullptr},
    {"edge_dicom2nifti_fixtures/philips_enhanced/anatomical", nullptr, nullptr},
    {"edge_dicom2nifti_fixtures/siemens_multiframe/anatomical", nullptr, nullptr},
    {"edge_dicom2nifti_fixtures/generic/anatomical/002_non_isotropic", nullptr, nullptr},
    {"edge_dicom2nifti_fixtures/generic/compressed/001", nullptr, nullptr},
    {"edge_dicom2nifti_fixtures/generic/compressed_jpeg/001", nullptr, nullptr},
    {"edge_dicom2nifti_fixtures/generic/compressed_jpegls/001", nullptr, nullptr,
     "edge_dicom2nifti_fixtures/generic/compressed_jpegls/001_ground_truth.nii.gz"},
    {"edge_dicom2nifti_fixtures/generic/compressed_rle/001", nullptr, nullptr},
    {"edge_dicom2nifti_fixtures/generic/compressed_j2k/001", nullptr, nullptr},
    {"seg_sr_dcmqi/segmentations/ct-3slice", nullptr, nullptr},
    {"seg_sr_dcmqi/segmentations/23x38x3/image", nullptr, nullptr},
    {"seg_sr_dcmqi/segmentations/23x38x3/multiframe", nullptr, nullptr},
    // One slice missing in the T1 and the T2 (a 2x step): Mensura inserts a blank slice so the
    // slices after the gap keep their true positions (dcm2niix keeps 175 slices 1 mm apart, so
    // its slices past the gap are 1 mm off). Perfusion maps are Siemens mosaics: 2D images.
    {"mr_siemens_trio_brain_volunteer_multiseq", nullptr, nullptr},
    {"edge_dicom2nifti_fixtures/failing/slicecount", nullptr, nullptr},
    {"edge_dicom2nifti_fixtures/failing/notavolume", nullptr, "all 4 images are at one position"},
    {"edge_dicom2nifti_fixtures/failing/sliceincrement/001", nullptr, "missing slice"},
    {"seg_sr_highdicom_fixtures/pydicom_CT2_series", nullptr, "slices too sparse"},
    {"edge_transfer_syntaxes/nema_wg04_ct_mr/REF", nullptr, nullptr},
    {"edge_transfer_syntaxes/nema_wg04_ct_mr/RLE", nullptr, nullptr},
    {"edge_transfer_syntaxes/nema_wg04_ct_mr/JPLL", nullptr, nullptr, nullptr,
     "edge_transfer_syntaxes/nema_wg04_ct_mr/REF"},
    // JPEG 2000 lossless, frames split over several fragments: DCMTK 3.6.7 has no J2K codec and
    // dcm2niix cannot read multi-fragment frames; Mensura decodes them through GDCM (OpenJPEG).
    {"edge_transfer_syntaxes/nema_wg04_ct_mr/J2KR", nullptr, nullptr, nullptr,
     "edge_transfer_syntaxes/nema_wg04_ct_mr/REF"},
    {"seg_sr_dcmqi/paramaps/701-ADCb500", nullptr, nullptr},
};

bool sharedPresent() { return fs::exists(kShared); }

std::map<std::string, std::string> runDcm2niix(const std::string& folder, const std::string& out) {
    // %j = SeriesInstanceUID, so each output can be matched to Mensura's stack.
    // -p n: Philips display values (Rescale Slope/Intercept), as Mensura and the scanner show them,
    // not dcm2niix's default "precise" private scaling.
    const std::string cmd = "dcm2niix -p n -z n -b n -f %j_%s -o '" + out + "' '" + folder + "' >/dev/null 2>&1";
    mensura::test::runCommand(cmd);
    std::map<std::string, std::string> files;
    for (const auto& e : fs::directory_iterator(out))
        if (e.path().extension() == ".nii") files[e.path().filename().string()] = e.path().string();
    return files;
}

void compareWithNifti(const Volume& v, const NiftiFile& n, const std::string& what, bool sameSize = true) {
    const auto& g = v.geometry;
    // Same voxel count per axis (up to the axis order dcm2niix chose).
    std::array<std::size_t, 3> a = g.size, b{std::size_t(n.dim[0]), std::size_t(n.dim[1]), std::size_t(n.dim[2])};
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    if (sameSize) {
        ASSERT_EQ(a, b) << what;
    }
    // Every corner voxel centre of Mensura's grid is a corner voxel centre of dcm2niix's.
    for (double i : {0.0, double(g.size[0] - 1)})
        for (double j : {0.0, double(g.size[1] - 1)})
            for (double k : {0.0, double(g.size[2] - 1)}) {
                const PointLps p = g.indexToLps(i, j, k);
                const auto idx = n.lpsToIndex(p.x, p.y, p.z);
                const auto back = n.indexToLps(std::round(idx[0]), std::round(idx[1]), std::round(idx[2]));
                EXPECT_LT(std::hypot(back[0] - p.x, back[1] - p.y, back[2] - p.z), 0.01)
                    << what << ": corner " << i << "," << j << "," << k;
            }
    // Direction cosines: each Mensura axis is (up to sign) one NIfTI axis within 0.001.
    for (int ax = 0; ax < 3; ++ax) {
        double best = 0;
        for (int c = 0; c < 3; ++c) {
            const Vec3 col{-n.srow[0][c], -n.srow[1][c], n.srow[2][c]};
            best = std::max(best, std::fabs(dot(g.axes[ax], normalized(col))));
        }
        EXPECT_GT(best, 1 - 1e-3) << what << ": axis " << ax;
    }
    // Voxel values agree at sampled positions.
    int compared = 0, differing = 0;
    for (std::size_t k = 0; k < g.size[2]; k += std::max<std::size_t>(1, g.size[2] / 5))
        for (std::size_t j = 0; j < g.size[1]; j += 7)
            for (std::size_t i = 0; i < g.size[0]; i += 5) {
                const PointLps p = g.indexToLps(double(i), double(j), double(k));
                const auto idx = n.lpsToIndex(p.x, p.y, p.z);
                const double theirs = n.value(std::lround(idx[0]), std::lround(idx[1]), std::lround(idx[2]));
                if (std::isnan(theirs)) continue;
                ++compared;
                if (std::fabs(theirs - v.at(i, j, k)) > 1e-3 * std::max(1.0, std::fabs(theirs))) ++differing;
            }
    EXPECT_GT(compared, 10) << what;
    EXPECT_EQ(differing, 0) << what << ": " << differing << " of " << compared << " sampled voxels differ";
}

}  // namespace

class RealSeries : public ::testing::TestWithParam<Expectation> {};

TEST_P(RealSeries, MatchesDcm2niixOrFailsAsDocumented) {
    if (!sharedPresent()) GTEST_SKIP() << kShared << " is absent: real-data tests skipped";
    if (std::system("command -v dcm2niix >/dev/null 2>&1") != 0) GTEST_SKIP() << "dcm2niix not installed";
    const Expectation& e = GetParam();
    const std::string folder = kShared + "/" + e.folder;
    std::string error;
    const DicomIndex index = indexPath(folder, {}, &error);
    ASSERT_TRUE(error.empty()) << error;
    ASSERT_FALSE(index.allStacks().empty()) << folder;
    TempDir out;
    std::map<std::string, std::string> niftis;
    if (e.reference) {
        const std::string nii = out / "reference.nii";
        mensura::test::runCommand("gzip -dc '" + kShared + "/" + e.reference + "' > '" + nii + "'");
        for (const SeriesStack* s : index.allStacks()) niftis[s->seriesInstanceUid + "_ref"] = nii;
    } else {
        niftis = runDcm2niix(e.dcm2niixFolder ? kShared + "/" + e.dcm2niixFolder : folder, out.path());
    }
    for (const SeriesStack* s : index.allStacks()) {
        auto v = loadVolume(*s);
        if (e.expectedError) {
            ASSERT_FALSE(v.ok()) << s->stackId;
            EXPECT_NE(v.error().message.find(e.expectedError), std::string::npos) << v.error().message;
            EXPECT_NE(v.error().message.find(folder), std::string::npos) << "error must name the file";
            continue;
        }
        ASSERT_TRUE(v.ok()) << v.error().message;
        if (e.expectedWarning) {
            bool warned = false;
            for (const auto& w : v->warnings) warned = warned || w.find(e.expectedWarning) != std::string::npos;
            EXPECT_TRUE(warned) << s->stackId;
        }
        // dcm2niix names its output <SeriesInstanceUID>_<SeriesNumber>.nii, with suffixes for the
        // extra files it makes (_Eq_1 resampled, _Tilt_1, _e2 ...); the plain one is the match.
        const std::string exact = s->seriesInstanceUid + "_" + std::to_string(s->first().seriesNumber) + ".nii";
        std::vector<std::string> matches;
        if (niftis.count(exact)) {
            matches.push_back(niftis.at(exact));
        } else {
            for (const auto& [name, path] : niftis)
                if (name.rfind(s->seriesInstanceUid + "_", 0) == 0) matches.push_back(path);
        }
        if (!v->isVolume && v->geometry.size[2] > 1) {
            // Several 2D images: nothing to compare as a volume; the reason was checked above.
            continue;
        }
        ASSERT_EQ(matches.size(), 1u) << e.folder << ": dcm2niix outputs for " << s->stackId;
        NiftiFile nifti;
        ASSERT_TRUE(mensura::test::readNifti(matches.front(), nifti, &error)) << error;
        if (nifti.dim[2] != 1 && !v->isVolume) continue;  // a mosaic that dcm2niix unpacked
        // Compare up to the first filled gap: dcm2niix's slices beyond it are not where the
        // DICOM positions say, and the gap's position is checked against the DICOM itself.
        std::size_t firstGap = v->slices.size();
        for (std::size_t k = 0; k < v->slices.size(); ++k)
            if (v->slices[k].path.empty()) {
                firstGap = std::min(firstGap, k);
                const auto after = readFrameHeaders(v->slices[k + 1].path);
                ASSERT_TRUE(after.ok());
                const PointLps p = v->geometry.indexToLps(0, 0, double(k + 1));
                EXPECT_LT(norm(p - *after->front().positionLps), 0.01) << "slice after the gap";
            }
        if (firstGap < v->slices.size()) {
            EXPECT_EQ(v->geometry.size[2], std::size_t(nifti.dim[2]) + 1) << "one filled slice";
            Volume head = *v;
            head.geometry.size[2] = firstGap;
            compareWithNifti(head, nifti, std::string(e.folder) + " " + s->stackId + " (before the gap)", false);
            continue;
        }
        compareWithNifti(*v, nifti, std::string(e.folder) + " " + s->stackId);
    }
}

INSTANTIATE_TEST_SUITE_P(SharedDicom, RealSeries, ::testing::ValuesIn(kSeries), [](const auto& info) {
    std::string n = info.param.folder;
    for (char& c : n)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    return n;
});
