#pragma once
// The PACS window: the archive to talk to, a search form, the studies and series found, retrieval
// with a progress bar and cancel, and sending Mensura's SR/SEG back. Every network call runs off
// the GUI thread (QtConcurrent); the window only shows what the imaging/pacs clients report.
#include <QDialog>
#include <QFutureWatcher>
#include <atomic>
#include <memory>

#include "mensura/pacs/PacsNode.h"
#include "mensura/pacs/PacsQuery.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace mensura::viewer {

class PacsWindow : public QDialog {
    Q_OBJECT
  public:
    explicit PacsWindow(QWidget* parent = nullptr);
    ~PacsWindow() override;

    void setNode(const imaging::pacs::PacsNode& node);  // fills the connection fields
    // Configured archives, kept in QSettings ("pacs/nodes"): the list the window opens with.
    void saveNode(const QString& name);
    QStringList nodeNames() const;
    void selectNode(const QString& name);
    void setRetrieveFolder(const QString& folder);  // where retrieved studies go
    void setFilesToSend(const QStringList& files);  // the current case's SR/SEG

    // For tests and scripting: the same as the buttons.
    void search();
    void retrieveSelected();
    void sendFiles();
    void cancel();

    QTreeWidget* results() const { return results_; }
    QString status() const;

  signals:
    void studyRetrieved(const QString& folder);  // complete studies only
    void busyChanged(bool busy);

  private:
    imaging::pacs::PacsNode node() const;
    void setBusy(bool busy, const QString& what);
    void showStudies(const std::vector<imaging::pacs::StudyRecord>& studies);
    void loadSeries(QTreeWidgetItem* studyItem);

    QLineEdit *peer_, *ownAet_, *dicomweb_, *movePort_;
    QComboBox* method_;
    QComboBox* nodes_;
    QLineEdit *patientName_, *patientId_, *studyDate_, *modality_;
    QTreeWidget* results_;
    QProgressBar* progress_;
    QLabel* status_;
    QPushButton *searchButton_, *retrieveButton_, *sendButton_, *cancelButton_, *echoButton_;
    QString retrieveFolder_;
    QStringList filesToSend_;
    std::shared_ptr<std::atomic<bool>> cancel_;
    bool busy_ = false;
};

}  // namespace mensura::viewer
