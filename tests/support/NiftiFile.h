#pragma once
// Reads an uncompressed NIfTI-1 file (as dcm2niix writes with -z n) for comparison in tests.
#include <array>
#include <string>
#include <vector>

namespace mensura::test {

struct NiftiFile {
    std::array<int, 3> dim{};
    std::array<std::array<double, 4>, 3> srow{};  // RAS affine (sform)
    int datatype = 0;
    double sclSlope = 1, sclInter = 0;
    std::vector<char> data;

    // Real value at index (i,j,k); NaN outside the grid or for an unsupported datatype.
    double value(long i, long j, long k) const;
    // Continuous voxel index of an LPS point.
    std::array<double, 3> lpsToIndex(double x, double y, double z) const;
    std::array<double, 3> indexToLps(double i, double j, double k) const;
};

bool readNifti(const std::string& path, NiftiFile& out, std::string* error);

}  // namespace mensura::test
