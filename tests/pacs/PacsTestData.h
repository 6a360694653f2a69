#pragma once
// Sample cases pushed into the test Orthanc, and the comparison of retrieved series with the
// originals (voxels and geometry through Mensura's loader).
#include <string>
#include <vector>

namespace mensura::test {

// sample_dicom/asps_tongue_followup/followup: 88 MR instances in 3 series, JPEG-LS.
std::string sampleStudyFolder();
std::string sampleStudyUid();  // read from the files
// Every series of folder, loaded from original and retrieved folders, must match exactly.
// Returns an empty string when they match, else what differs.
std::string compareSeries(const std::string& originalFolder, const std::string& retrievedFolder);
// An SR document copied to folder (from ../shared/dicom); empty when the fixture is absent.
std::string copySrFixture(const std::string& folder);

}  // namespace mensura::test
