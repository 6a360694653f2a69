#include "StoragePresentation.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcuid.h>

namespace mensura::imaging::pacs {
namespace {

const std::vector<std::string>& imageClasses() {
    static const std::vector<std::string> classes = {
        UID_CTImageStorage,
        UID_MRImageStorage,
        UID_EnhancedCTImageStorage,
        UID_EnhancedMRImageStorage,
        UID_LegacyConvertedEnhancedCTImageStorage,
        UID_LegacyConvertedEnhancedMRImageStorage,
        UID_PositronEmissionTomographyImageStorage,
        UID_SecondaryCaptureImageStorage,
        UID_ComputedRadiographyImageStorage,
        UID_DigitalXRayImageStorageForPresentation,
    };
    return classes;
}

const std::vector<std::string>& otherClasses() {
    static const std::vector<std::string> classes = {
        UID_BasicTextSRStorage,
        UID_EnhancedSRStorage,
        UID_ComprehensiveSRStorage,
        UID_Comprehensive3DSRStorage,
        UID_KeyObjectSelectionDocumentStorage,
        UID_SegmentationStorage,
        UID_RTStructureSetStorage,
        UID_GrayscaleSoftcopyPresentationStateStorage,
        UID_EncapsulatedPDFStorage,
        UID_NuclearMedicineImageStorage,
        UID_UltrasoundImageStorage,
        UID_UltrasoundMultiframeImageStorage,
        UID_XRayAngiographicImageStorage,
        UID_DigitalMammographyXRayImageStorageForPresentation,
        UID_ParametricMapStorage,
        UID_SpatialRegistrationStorage,
        UID_RawDataStorage,
        UID_EnhancedPETImageStorage,
        UID_MultiframeGrayscaleWordSecondaryCaptureImageStorage,
        UID_MultiframeGrayscaleByteSecondaryCaptureImageStorage,
        UID_MultiframeTrueColorSecondaryCaptureImageStorage,
    };
    return classes;
}

}  // namespace

const std::vector<std::string>& acceptedTransferSyntaxes() {
    static const std::vector<std::string> syntaxes = {
        UID_JPEGLSLosslessTransferSyntax,
        UID_JPEGLSLossyTransferSyntax,
        UID_JPEGProcess14SV1TransferSyntax,
        UID_JPEGProcess14TransferSyntax,
        UID_JPEGProcess1TransferSyntax,
        UID_JPEGProcess2_4TransferSyntax,
        UID_RLELosslessTransferSyntax,
        UID_JPEG2000LosslessOnlyTransferSyntax,
        UID_JPEG2000TransferSyntax,
        UID_DeflatedExplicitVRLittleEndianTransferSyntax,
        UID_LittleEndianExplicitTransferSyntax,
        UID_BigEndianExplicitTransferSyntax,
        UID_LittleEndianImplicitTransferSyntax,
    };
    return syntaxes;
}

std::vector<StorageContext> storageContextsForRetrieve() {
    // 10 image classes x 7 syntaxes + 21 others = 91 contexts, plus the query/retrieve ones.
    static const std::vector<std::string> imageSyntaxes = {
        UID_JPEGLSLosslessTransferSyntax,       UID_JPEGProcess14SV1TransferSyntax,
        UID_JPEGProcess1TransferSyntax,         UID_RLELosslessTransferSyntax,
        UID_JPEG2000LosslessOnlyTransferSyntax, UID_LittleEndianExplicitTransferSyntax,
        UID_LittleEndianImplicitTransferSyntax};
    std::vector<StorageContext> contexts;
    for (const auto& sop : imageClasses())
        for (const auto& ts : imageSyntaxes) contexts.push_back({sop, {ts}});
    for (const auto& sop : otherClasses())
        contexts.push_back({sop, {UID_LittleEndianExplicitTransferSyntax, UID_LittleEndianImplicitTransferSyntax}});
    return contexts;
}

std::vector<StorageContext> storageContextsForScp() {
    std::vector<StorageContext> contexts;
    for (const auto& sop : imageClasses()) contexts.push_back({sop, acceptedTransferSyntaxes()});
    for (const auto& sop : otherClasses()) contexts.push_back({sop, acceptedTransferSyntaxes()});
    return contexts;
}

}  // namespace mensura::imaging::pacs
