#include "mensura/dicom-objects/DicomDeidentify.h"

#include "mensura/core/AtomicFile.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcitem.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcsequen.h>
#include <dcmtk/dcmdata/dcvrda.h>

#include <cstdio>
#include <filesystem>
#include <set>

#include "mensura/dicom/DcmtkSetup.h"

namespace mensura::annotations {
namespace {

// UIDs that name kinds of things, not instances: kept.
bool keepUid(const DcmTagKey& tag) {
    static const std::set<DcmTagKey> keep{DCM_SOPClassUID,
                                          DCM_ReferencedSOPClassUID,
                                          DCM_MediaStorageSOPClassUID,
                                          DCM_TransferSyntaxUID,
                                          DCM_ImplementationClassUID,
                                          DCM_CodingSchemeUID,
                                          DCM_ContextUID,
                                          DCM_MappingResourceUID,
                                          DCM_ReferencedSOPClassUIDInFile,
                                          DCM_ReferencedTransferSyntaxUIDInFile};
    return keep.count(tag) > 0;
}

// Identifying attributes emptied (PS3.15 Table E.1-1, the subset Mensura's inputs carry).
const DcmTagKey kEmptied[] = {DCM_ReferringPhysicianName,
                              DCM_PerformingPhysicianName,
                              DCM_OperatorsName,
                              DCM_NameOfPhysiciansReadingStudy,
                              DCM_InstitutionName,
                              DCM_InstitutionAddress,
                              DCM_StationName,
                              DCM_AccessionNumber,
                              DCM_RETIRED_OtherPatientIDs,
                              DCM_OtherPatientNames,
                              DCM_PatientAddress,
                              DCM_PatientTelephoneNumbers,
                              DCM_PatientBirthDate,
                              DCM_PatientBirthTime,
                              DCM_RequestingPhysician,
                              DCM_PatientComments,
                              DCM_StudyID};

void walk(DcmItem& item, const DeidentificationPolicy& p) {
    for (unsigned long n = 0; n < item.card(); ++n) {
        DcmElement* e = item.getElement(n);
        const DcmTagKey tag = e->getTag();
        const DcmEVR vr = e->getTag().getEVR();
        if (vr == EVR_SQ) {
            auto* seq = static_cast<DcmSequenceOfItems*>(e);
            for (unsigned long i = 0; i < seq->card(); ++i) walk(*seq->getItem(i), p);
        } else if (vr == EVR_UI && !keepUid(tag)) {
            OFString v;
            if (e->getOFStringArray(v).good() && !v.empty()) e->putString(p.remapUid(v.c_str()).c_str());
        } else if (vr == EVR_DA) {
            OFString v;
            if (e->getOFString(v, 0).good() && !v.empty()) e->putString(p.shiftDate(v.c_str()).c_str());
        }
    }
}

}  // namespace

imaging::Result<std::string> deidentifyDicomFile(const std::string& path, const DeidentificationPolicy& p) {
    if (!p.enabled) return path;
    imaging::initDcmtk();
    DcmFileFormat file;
    OFCondition c = file.loadFile(path.c_str());
    if (c.bad()) return imaging::Error{path + ": cannot read for de-identification: " + c.text()};
    DcmDataset* d = file.getDataset();
    const E_TransferSyntax xfer = d->getOriginalXfer();
    walk(*d, p);
    d->putAndInsertString(DCM_PatientName, p.pseudonymName.c_str());
    d->putAndInsertString(DCM_PatientID, p.pseudonymId.c_str());
    for (const DcmTagKey& t : kEmptied)
        if (d->tagExists(t)) d->putAndInsertString(t, "");
    // Type 1 in some IODs (Enhanced General Equipment): a dummy value, as PS3.15 allows (D).
    if (d->tagExists(DCM_DeviceSerialNumber)) d->putAndInsertString(DCM_DeviceSerialNumber, "0");
    d->putAndInsertString(DCM_PatientIdentityRemoved, "YES");
    d->putAndInsertString(DCM_DeidentificationMethod, "Mensura: PS3.15 basic profile, dates shifted, UIDs remapped");
    DcmItem* method = nullptr;
    d->findOrCreateSequenceItem(DCM_DeidentificationMethodCodeSequence, method, 0);
    if (method) {
        method->putAndInsertString(DCM_CodeValue, "113100");
        method->putAndInsertString(DCM_CodingSchemeDesignator, "DCM");
        method->putAndInsertString(DCM_CodeMeaning, "Basic Application Confidentiality Profile");
    }
    d->findOrCreateSequenceItem(DCM_DeidentificationMethodCodeSequence, method, 1);
    if (method) {
        method->putAndInsertString(DCM_CodeValue, "113107");
        method->putAndInsertString(DCM_CodingSchemeDesignator, "DCM");
        method->putAndInsertString(DCM_CodeMeaning, "Retain Longitudinal Temporal Information Modified Dates Option");
    }
    // The meta header follows the data set's new SOP Instance UID.
    file.getMetaInfo()->findAndDeleteElement(DCM_MediaStorageSOPInstanceUID);
    if (auto e = writeThroughTemporary(path, [&](const std::string& tmp) -> std::optional<imaging::Error> {
            const OFCondition saved = file.saveFile(tmp.c_str(), xfer == EXS_Unknown ? EXS_LittleEndianExplicit : xfer);
            if (saved.bad()) return imaging::Error{path + ": cannot write the de-identified file: " + saved.text()};
            if (auto e = imaging::verifyWrittenDicomFile(tmp)) return imaging::Error{path + ": " + e->message};
            return std::nullopt;
        }))
        return *e;
    return path;
}

}  // namespace mensura::annotations
