#pragma once
// Loads one stack into a Volume on a worker thread, never on the GUI thread. Signals arrive on
// the GUI thread. A load started while another runs supersedes it: the older one finishes in
// the background (loadVolume cannot be cancelled) and its results are dropped.
#include <memory>
#include <vector>

#include <QObject>
#include <QString>

#include "mensura/core/Volume.h"
#include "mensura/dicom/DicomIndex.h"

class QThread;

namespace mensura::viewer {

class SeriesLoader : public QObject {
    Q_OBJECT
  public:
    explicit SeriesLoader(QObject* parent = nullptr);
    ~SeriesLoader() override;  // waits for running loads

    void load(const imaging::SeriesStack& stack, unsigned threads = 2);
    bool isLoading() const { return loading_; }

  signals:
    void progress(int slicesDone, int slicesTotal);
    // A one-slice volume holding the first slice that arrived, so it can be shown at once.
    void firstSlice(std::shared_ptr<const imaging::Volume> slice);
    void loaded(std::shared_ptr<const imaging::Volume> volume);
    void failed(const QString& stackId, const QString& message);

  private:
    std::vector<QThread*> threads_;
    int generation_ = 0;
    bool loading_ = false;
};

// A copy of slice k of a volume being filled, as a volume of its own (header fields, geometry
// with one slice, the slice's voxels).
imaging::Volume copySlice(const imaging::Volume& volume, std::size_t k);

}  // namespace mensura::viewer
