#pragma once
// Indexes a folder of DICOM files on a worker thread; signals arrive on the GUI thread.
#include <memory>
#include <vector>

#include <QObject>
#include <QString>
#include <QStringList>

#include "mensura/dicom/DicomIndex.h"

class QThread;

namespace mensura::viewer {

class FolderIndexer : public QObject {
    Q_OBJECT
  public:
    explicit FolderIndexer(QObject* parent = nullptr);
    ~FolderIndexer() override;  // waits for a running index

    // Files and folders as one index (a folder, or the files a user picked).
    void index(const QStringList& paths, unsigned threads = 2);
    bool isIndexing() const { return thread_ != nullptr; }

  signals:
    void progress(int filesDone, int filesTotal);
    void indexed(std::shared_ptr<const imaging::DicomIndex> index);
    void failed(const QString& path, const QString& message);

  private:
    QThread* thread_ = nullptr;
};

// "3 files could not be read: a.dcm (not DICOM), b (truncated), …" or empty when none.
QString summarizeProblems(const imaging::DicomIndex& index, int maxListed = 3);

}  // namespace mensura::viewer
