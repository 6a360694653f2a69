#pragma once
// What a search asks for and what it finds, the same for C-FIND and QIDO-RS.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace mensura::imaging::pacs {

// Empty fields are not matched. Wildcards '*' and '?' work in names, IDs and descriptions;
// dates are DICOM ranges: "20190415", "20190101-20191231", "-20191231".
struct StudyQuery {
    std::string patientName, patientId, studyDate, modality, accessionNumber, studyDescription;
    std::string studyInstanceUid;
};

struct StudyRecord {
    std::string studyInstanceUid, patientName, patientId, studyDate, studyTime, accessionNumber, studyDescription,
        modalitiesInStudy;
    int numberOfSeries = 0, numberOfInstances = 0;
};

struct SeriesRecord {
    std::string studyInstanceUid, seriesInstanceUid, modality, seriesDescription;
    int seriesNumber = 0, numberOfInstances = 0;
};

struct InstanceRecord {
    std::string studyInstanceUid, seriesInstanceUid, sopInstanceUid, sopClassUid;
};

nlohmann::json toJson(const StudyRecord& study);
nlohmann::json toJson(const SeriesRecord& series);

}  // namespace mensura::imaging::pacs
