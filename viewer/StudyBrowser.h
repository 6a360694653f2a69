#pragma once
// The patient / study / series tree of an indexed folder. Double-clicking (or Enter on) a series
// asks for it to be loaded.
#include <memory>

#include <QTreeWidget>

#include "imaging/DicomIndex.h"

namespace mensura::viewer {

class StudyBrowser : public QTreeWidget {
    Q_OBJECT
public:
    explicit StudyBrowser(QWidget* parent = nullptr);

    void setIndex(std::shared_ptr<const imaging::DicomIndex> index);
    const imaging::DicomIndex* index() const { return index_.get(); }
    // The stack with the most frames (what a user most likely wants to see first), or nullptr.
    const imaging::SeriesStack* largestStack() const;
    // Marks the series row being shown.
    void setCurrentStack(const QString& stackId);

signals:
    void seriesActivated(const QString& stackId);

private:
    std::shared_ptr<const imaging::DicomIndex> index_;
};

}  // namespace mensura::viewer
